using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace KubeRpc.FunctionalTests.Infrastructure;

/// <summary>Every log line a host writes, with its category and level, for tests of what reaches the operator's log.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> _lines = new();

    public IEnumerable<(string Category, LogLevel Level, string Message)> AtOrAbove(LogLevel level) => _lines.Where(l => l.Level >= level);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue((category, logLevel, formatter(state, exception)));
    }
}
