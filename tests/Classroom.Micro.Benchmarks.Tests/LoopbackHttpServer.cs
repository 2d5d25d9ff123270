using System.Net;
using Classroom.Micro.Testing;

namespace Classroom.Micro.Benchmarks.Tests;

/// <summary>
/// An HTTP server on a free loopback port whose every request the test answers itself: a gateway that misbehaves in
/// a chosen way, in front of which the benchmark's clients are put.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _handling = [];
    private readonly Func<HttpListenerContext, CancellationToken, Task> _handle;
    private readonly Task _serving;

    private LoopbackHttpServer(Func<HttpListenerContext, CancellationToken, Task> handle)
    {
        _handle = handle;
        Address = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        _listener.Prefixes.Add(Address.ToString());
        _listener.Start();
        _serving = ServeAsync();
    }

    /// <summary>The server's base address (<c>http://127.0.0.1:port/</c>).</summary>
    public Uri Address { get; }

    /// <summary>Starts answering every request with <paramref name="handle"/>, which must complete its response.</summary>
    public static LoopbackHttpServer Start(Func<HttpListenerContext, CancellationToken, Task> handle) => new(handle);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _serving.WaitAsync(StopTimeout);
        Task[] handling;
        lock (_handling)
        {
            handling = [.. _handling];
        }

        await Task.WhenAll(handling).WaitAsync(StopTimeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _listener.Close();
        _stopping.Dispose();
    }

    private async Task ServeAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception stopped) when (stopped is HttpListenerException or ObjectDisposedException or InvalidOperationException && _stopping.IsCancellationRequested)
            {
                return;
            }

            lock (_handling)
            {
                _handling.Add(_handle(context, _stopping.Token));
            }
        }
    }
}
