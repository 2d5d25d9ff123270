using BenchmarkDotNet.Running;
using Classroom.Micro.Benchmarks.Codec;

// e.g. dotnet run -c Release --project bench/Classroom.Micro.Benchmarks.Codec -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(PublicationPushEncoding).Assembly).Run(args);
