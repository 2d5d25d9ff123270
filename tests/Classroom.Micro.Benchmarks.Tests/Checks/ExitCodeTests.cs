using System.Net;
using Xunit;

namespace Classroom.Micro.Benchmarks.Tests.Checks;

/// <summary>The exit code bench/README.md promises when the target misbehaves.</summary>
public sealed class ExitCodeTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_gateway_that_refuses_tokens_fails_the_run_with_exit_code_1_and_says_why()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var gateway = LoopbackHttpServer.Start(async (context, stopping) =>
        {
            context.Response.StatusCode = (int)HttpStatusCode.InternalServerError;
            await context.Response.OutputStream.WriteAsync("dev tokens are broken"u8.ToArray(), stopping);
            context.Response.Close();
        });
        var output = Directory.CreateTempSubdirectory("cm-bench-refused-").FullName;
        try
        {
            using var progress = new StringWriter();
            using var errors = new StringWriter();

            var exitCode = await BenchmarkCommand.RunAsync(
                [
                    "--gateway", gateway.Address.ToString(), "--scenarios", "connections", "--connections", "4", "--classroom-size", "2",
                    "--settle-seconds", "0", "--output", output, "--name", "refused",
                ],
                progress,
                errors,
                cancellation).WaitAsync(RunTimeout, cancellation);

            Assert.Equal(1, exitCode);
            Assert.Contains("BENCHMARK FAILED", errors.ToString(), StringComparison.Ordinal);
            Assert.Contains("POST /dev/token answered 500: dev tokens are broken", errors.ToString(), StringComparison.Ordinal);
            var markdown = await File.ReadAllTextAsync(Path.Combine(output, "refused.md"), cancellation).WaitAsync(TimeSpan.FromSeconds(5), cancellation);
            Assert.Contains("FAILED", markdown, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
