using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace KubeRpc.UnitTests.Caching;

/// <summary>Informer logs into the test's output, so a failing fault test shows what the reflector went through.</summary>
internal sealed class TestLogger(ITestOutputHelper output, LogLevel minimum = LogLevel.Information) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }
        try
        {
            var error = exception is null ? "" : $" ({exception.GetType().Name}: {FirstLine(exception.Message)})";
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel}: {formatter(state, exception)}{error}");
        }
        catch (InvalidOperationException)
        {
            // The test has finished; its output is closed.
        }
    }

    private static string FirstLine(string text) => text.Split('\n')[0];
}
