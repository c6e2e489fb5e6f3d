using Microsoft.Extensions.Logging;

namespace RecoveryCluster.ClientTests;

/// <summary>
/// Writes warnings and errors of in-process silos and clients to one file per test process
/// (TestResults/logs/&lt;assembly&gt;-&lt;pid&gt;.log), so a failed or hung run leaves the cluster's side of the story.
/// </summary>
public sealed class TestLogFile : ILoggerProvider
{
    private static readonly Lazy<TestLogFile> Shared = new(() => new TestLogFile());
    private readonly StreamWriter _writer;
    private readonly Lock _lock = new();

    private TestLogFile()
    {
        var folder = System.IO.Path.Combine(AppContext.BaseDirectory, "TestResults", "logs");
        Directory.CreateDirectory(folder);
        var name = $"{typeof(TestLogFile).Assembly.GetName().Name}-{Environment.ProcessId}.log";
        Path = System.IO.Path.Combine(folder, name);
        _writer = new StreamWriter(Path, append: true) { AutoFlush = true };
    }

    /// <summary>The process's log file.</summary>
    public static TestLogFile Instance => Shared.Value;

    public string Path { get; }

    public ILogger CreateLogger(string categoryName) => new Writer(this, categoryName);

    /// <summary>Kept open for the whole process: every cluster of the run shares it.</summary>
    public void Dispose()
    {
    }

    private void Write(string category, LogLevel level, string message, Exception? error)
    {
        lock (_lock)
        {
            _writer.WriteLine($"{TimeProvider.System.GetUtcNow():HH:mm:ss.fff} {level,-11} {category}: {message}");
            if (error is not null)
            {
                _writer.WriteLine("    " + error.ToString().Replace("\n", "\n    ", StringComparison.Ordinal));
            }
        }
    }

    private sealed class Writer(TestLogFile file, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                file.Write(category, logLevel, formatter(state, exception), exception);
            }
        }
    }
}
