using Classroom.Micro.Benchmarks;

// Ctrl-C cancels the run, so a cluster the benchmark started is still stopped.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await BenchmarkCommand.RunAsync(args, Console.Out, Console.Error, cancellation.Token);
