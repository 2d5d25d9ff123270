namespace Classroom.Micro.Testing;

/// <summary>The internal key (<c>Internal:Key</c>) every in-process service under test is configured with.</summary>
public static class TestInternalKey
{
    /// <summary>A 48-byte test key; never used outside tests.</summary>
    public const string Value = "test-internal-key-0123456789abcdef0123456789abcd";
}
