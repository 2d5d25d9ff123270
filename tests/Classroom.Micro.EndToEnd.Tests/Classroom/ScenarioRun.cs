namespace Classroom.Micro.EndToEnd.Tests.Classroom;

/// <summary>
/// Starts a scenario run at most once, for all tests of a class (held by its class fixture): each test asserts one
/// behaviour of the same run, which takes the bulk of the time.
/// </summary>
internal sealed class ScenarioRun<TOutcome>
{
    private readonly Lock _gate = new();
    private Task<TOutcome>? _outcome;

    public Task<TOutcome> GetAsync(Func<Task<TOutcome>> run)
    {
        lock (_gate)
        {
            return _outcome ??= run();
        }
    }
}
