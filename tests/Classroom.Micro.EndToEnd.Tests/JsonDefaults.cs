using System.Text.Json;

namespace Classroom.Micro.EndToEnd.Tests;

/// <summary>How scenario output and HTTP bodies are read: camelCase, as the Node scenarios and the services write them.</summary>
internal static class JsonDefaults
{
    public static JsonSerializerOptions Web { get; } = new(JsonSerializerDefaults.Web);
}
