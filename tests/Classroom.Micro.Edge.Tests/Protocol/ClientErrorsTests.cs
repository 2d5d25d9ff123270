using System.Reflection;
using Classroom.Micro.Edge.Protocol;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Protocol;

public sealed class ClientErrorsTests
{
    [Theory]
    [InlineData(nameof(ClientErrors.Internal), 100, "internal server error", true)]
    [InlineData(nameof(ClientErrors.Unauthorized), 101, "unauthorized", false)]
    [InlineData(nameof(ClientErrors.UnknownChannel), 102, "unknown channel", false)]
    [InlineData(nameof(ClientErrors.PermissionDenied), 103, "permission denied", false)]
    [InlineData(nameof(ClientErrors.MethodNotFound), 104, "method not found", false)]
    [InlineData(nameof(ClientErrors.AlreadySubscribed), 105, "already subscribed", false)]
    [InlineData(nameof(ClientErrors.LimitExceeded), 106, "limit exceeded", false)]
    [InlineData(nameof(ClientErrors.BadRequest), 107, "bad request", false)]
    [InlineData(nameof(ClientErrors.NotAvailable), 108, "not available", false)]
    [InlineData(nameof(ClientErrors.TokenExpired), 109, "token expired", false)]
    [InlineData(nameof(ClientErrors.Expired), 110, "expired", false)]
    [InlineData(nameof(ClientErrors.TooManyRequests), 111, "too many requests", true)]
    [InlineData(nameof(ClientErrors.UnrecoverablePosition), 112, "unrecoverable position", false)]
    public void Each_error_has_the_protocols_code_message_and_retry_class(string name, int code, string message, bool temporary)
    {
        var error = Declared()[name];

        Assert.Equal(new ClientError(code, message, temporary), error);
        JsonAssert.Same(
            temporary
                ? $$$"""{"id":9,"error":{"code":{{{code}}},"message":"{{{message}}}","temporary":true}}"""
                : $$$"""{"id":9,"error":{"code":{{{code}}},"message":"{{{message}}}"}}""",
            ProtocolWriter.Error(9, error));
    }

    [Fact]
    public void Every_declared_error_is_covered_and_codes_are_unique()
    {
        var declared = Declared();

        Assert.Equal(13, declared.Count);
        Assert.Equal(declared.Count, declared.Values.Select(error => error.Code).Distinct().Count());
    }

    private static Dictionary<string, ClientError> Declared() =>
        typeof(ClientErrors)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToDictionary(field => field.Name, field => (ClientError)field.GetValue(null)!);
}
