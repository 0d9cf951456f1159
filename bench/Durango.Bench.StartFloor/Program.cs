// start-floor FILE: what `durango run FILE` cannot do without, and nothing more. It reads the workflow with YamlDotNet,
// takes its entrypoint's container command, and runs it from one activity of one orchestration on Durable Task's
// in-process backend as the embedded host has it (DTFx's TaskHubWorker over the in-memory service, the SDK's
// orchestrator and activity through the SDK's shims, System.Text.Json payloads). Prints the exit code and exits with it.
// No validation, no engine, no status, no isolation of the step: every part of `durango run` a workflow could do
// without. Its time against `durango lint`'s is the lowest ratio the start goal can reach on this substrate.
using Durango.Bench.StartFloor;

if (args.Length != 1)
{
    await Console.Error.WriteLineAsync("usage: start-floor FILE (a workflow whose entrypoint is a container template)").ConfigureAwait(false);
    return 2;
}

var command = EntrypointCommand.Read(await File.ReadAllTextAsync(args[0]).ConfigureAwait(false));
var exitCode = await FloorHost.RunAsync(command).ConfigureAwait(false);
await Console.Out.WriteLineAsync($"{{\"exitCode\": {exitCode}}}").ConfigureAwait(false);
return exitCode;
