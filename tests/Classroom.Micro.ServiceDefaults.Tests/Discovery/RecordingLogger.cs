using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Classroom.Micro.ServiceDefaults.Tests.Discovery;

/// <summary>Keeps the level and event id of every line logged.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(LogLevel Level, int EventId)> _lines = new();

    public IReadOnlyCollection<(LogLevel Level, int EventId)> Lines => _lines;

    public int Count(int eventId) => _lines.Count(line => line.EventId == eventId);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _lines.Enqueue((logLevel, eventId.Id));
}
