using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Registry;

namespace KubeRpc.Emulator.Controllers;

/// <summary>
/// The background loop of one of the emulator's controllers: a signal (a watched kind changed) wakes it, every signal
/// that came meanwhile is covered by the same pass, and a pass that reports work left is run again after
/// <c>retry</c>. Disposing stops it and waits for the pass in progress.
/// </summary>
internal sealed class ReconcileLoop : IAsyncDisposable
{
    private readonly Func<bool> _reconcile;
    private readonly TimeSpan _retry;
    private readonly SemaphoreSlim _signal;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <param name="reconcile">One pass; false when something is left to retry.</param>
    /// <param name="passAtStart">Run one pass at once, for what was stored before the controller started.</param>
    public ReconcileLoop(Func<bool> reconcile, TimeSpan retry, bool passAtStart)
    {
        _reconcile = reconcile;
        _retry = retry;
        _signal = new SemaphoreSlim(passAtStart ? 1 : 0);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Cancelled when the loop stops, for work the controller starts beside it.</summary>
    public CancellationToken Stopping => _stop.Token;

    public void Signal() => _signal.Release();

    /// <summary>A write that may lose a race (changed or gone meanwhile): false then, and the next pass sees the new state.</summary>
    public static bool TryWrite(Func<WriteResult> write)
    {
        try
        {
            write();
            return true;
        }
        catch (ApiException)
        {
            return false;
        }
    }

    private async Task RunAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await _signal.WaitAsync(token);
                // One pass covers every signal that came meanwhile.
                while (_signal.CurrentCount > 0)
                {
                    await _signal.WaitAsync(token);
                }
                while (!_reconcile())
                {
                    await Task.Delay(_retry, token);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
        _signal.Dispose();
    }
}
