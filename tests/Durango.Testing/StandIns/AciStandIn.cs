using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Durango.Testing.StandIns;

/// <summary>
/// The slice of Azure Resource Manager the <c>aci</c> runtime uses, on 127.0.0.1: container groups are created
/// (asynchronously: <c>Creating</c>, then running), read with their instance view, their containers' logs read, and
/// deleted. A group's containers really run — init containers first, then the others side by side, each command as a
/// process on this host, with its environment (secure values included) and its volumes (secret and emptyDir) as
/// folders — so exit codes, output, timing and files shared through a volume are real. It checks
/// the bearer token and the API version, and answers 429 with <c>Retry-After</c> when a test asks.
/// </summary>
public sealed partial class AciStandIn : IAsyncDisposable
{
    /// <summary>The bearer token the stand-in accepts (what the tests' credential hands out).</summary>
    public const string Token = "arm-stand-in-token";

    /// <summary>The API version the stand-in serves.</summary>
    public const string ApiVersion = "2023-05-01";

    /// <summary>An image the stand-in cannot "pull": the group fails to provision.</summary>
    public const string MissingImage = "example.invalid/missing:1";

    private readonly ConcurrentDictionary<string, Group> _groups = new(StringComparer.Ordinal);
    private readonly string _root = Path.Combine("/var/tmp", "durango-aci-standin", Guid.NewGuid().ToString("N"));
    private LoopbackServer _server = null!;
    private int _throttle;
    private int _throttled;

    /// <summary>The ARM endpoint to configure as <c>Durango:Aci:Endpoint</c>.</summary>
    public string Endpoint => _server.BaseUrl + "/";

    /// <summary>How long provisioning takes before the container starts.</summary>
    public TimeSpan ProvisioningDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Group names in creation order (a PUT that updates an existing group does not count).</summary>
    public ConcurrentQueue<string> Created { get; } = new();

    /// <summary>Groups deleted, with whether their container was still running then.</summary>
    public ConcurrentQueue<(string Name, bool WasRunning)> Deleted { get; } = new();

    /// <summary>The bodies of the PUTs that created groups, by group name.</summary>
    public ConcurrentDictionary<string, JsonObject> Specs { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Programs images hold at absolute paths (an entry point such as argosay's <c>/argosay</c>), as local files: an
    /// argument of a container's command equal to such a path runs the local file.
    /// </summary>
    public ConcurrentDictionary<string, string> ImagePrograms { get; } = new(StringComparer.Ordinal);

    /// <summary>How many requests were answered 429.</summary>
    public int Throttled => _throttled;

    /// <summary>Names of the groups that exist now.</summary>
    public IReadOnlyCollection<string> Existing => _groups.Keys.ToList();

    /// <summary>Names of the groups whose container runs now.</summary>
    public IReadOnlyCollection<string> Running => _groups.Where(g => g.Value.IsRunning).Select(g => g.Key).ToList();

    /// <summary>Starts the stand-in.</summary>
    public static async Task<AciStandIn> StartAsync()
    {
        var standIn = new AciStandIn();
        Directory.CreateDirectory(standIn._root);
        standIn._server = await LoopbackServer.StartAsync(standIn.RespondAsync).ConfigureAwait(false);
        return standIn;
    }

    /// <summary>Answers the next <paramref name="count"/> requests with 429 and <c>Retry-After: 1</c>.</summary>
    public void ThrottleNext(int count) => Interlocked.Exchange(ref _throttle, count);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var group in _groups.Values)
        {
            group.Kill();
        }

        await _server.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A process of a killed group may still hold a file.
        }
    }

    private async Task RespondAsync(ReceivedRequest request, HttpContext context)
    {
        if (request.Headers.GetValueOrDefault("Authorization") != $"Bearer {Token}")
        {
            await ErrorAsync(context, 401, "InvalidAuthenticationToken", "The access token is invalid.").ConfigureAwait(false);
            return;
        }

        if (Interlocked.Decrement(ref _throttle) >= 0)
        {
            Interlocked.Increment(ref _throttled);
            context.Response.Headers.RetryAfter = "1";
            await ErrorAsync(context, 429, "TooManyRequests", "The request is being throttled.").ConfigureAwait(false);
            return;
        }

        var match = GroupPath().Match(request.Path);
        if (!match.Success)
        {
            await ErrorAsync(context, 404, "NotFound", $"no route {request.Path}").ConfigureAwait(false);
            return;
        }

        if (context.Request.Query["api-version"] != ApiVersion)
        {
            await ErrorAsync(context, 400, "InvalidApiVersionParameter", $"api-version must be {ApiVersion}").ConfigureAwait(false);
            return;
        }

        var name = match.Groups["name"].Value;
        var logs = match.Groups["logs"].Success;
        _groups.TryGetValue(name, out var group);
        switch (request.Method)
        {
            case "PUT" when !logs:
                if (group is not null)
                {
                    await JsonAsync(context, 200, group.View()).ConfigureAwait(false);
                    return;
                }

                var spec = (JsonObject)JsonNode.Parse(request.Body)!;
                group = new Group(name, spec, Path.Combine(_root, name), ImagePrograms);
                if (!_groups.TryAdd(name, group))
                {
                    await JsonAsync(context, 200, _groups[name].View()).ConfigureAwait(false);
                    return;
                }

                Created.Enqueue(name);
                Specs[name] = spec;
                _ = group.ProvisionAsync(ProvisioningDelay);
                await JsonAsync(context, 201, group.View()).ConfigureAwait(false);
                return;

            case "GET" when group is null:
                await ErrorAsync(context, 404, "ResourceNotFound", $"The Resource 'Microsoft.ContainerInstance/containerGroups/{name}' was not found.").ConfigureAwait(false);
                return;

            case "GET" when logs:
                await JsonAsync(context, 200, new JsonObject { ["content"] = group.OutputOf(match.Groups["container"].Value) }).ConfigureAwait(false);
                return;

            case "GET":
                await JsonAsync(context, 200, group.View()).ConfigureAwait(false);
                return;

            case "DELETE" when group is null:
                context.Response.StatusCode = 204;
                return;

            case "DELETE":
                _groups.TryRemove(name, out _);
                Deleted.Enqueue((name, group.IsRunning));
                group.Kill();
                await JsonAsync(context, 200, group.View()).ConfigureAwait(false);
                return;

            default:
                await ErrorAsync(context, 405, "MethodNotAllowed", request.Method).ConfigureAwait(false);
                return;
        }
    }

    private static async Task JsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString()).ConfigureAwait(false);
    }

    private static Task ErrorAsync(HttpContext context, int status, string code, string message) =>
        JsonAsync(context, status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });

    [GeneratedRegex("^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft.ContainerInstance/containerGroups/(?<name>[a-z0-9-]+)(?<logs>/containers/(?<container>[^/]+)/logs)?$")]
    private static partial Regex GroupPath();

    /// <summary>
    /// One container group: its init containers run one after another, then its containers side by side, each as a
    /// local process. Volumes are folders of the group (secret volumes written as files, emptyDir volumes empty) that
    /// each container sees at its mount paths (rewritten in its command line); where user and mount namespaces exist,
    /// each container also has a private <c>/tmp</c>, as a container has its own file system.
    /// </summary>
    private sealed class Group(string name, JsonObject spec, string directory, IReadOnlyDictionary<string, string> programs)
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, ContainerRun> _runs = new(StringComparer.Ordinal);
        private string _provisioning = "Creating";
        private string? _event;
        private bool _killed;

        public bool IsRunning
        {
            get
            {
                lock (_gate)
                {
                    return _runs.Values.Any(r => r.State == "Running");
                }
            }
        }

        /// <summary>The output of <paramref name="container"/> (the first container when null).</summary>
        public string OutputOf(string? container)
        {
            ContainerRun? run;
            lock (_gate)
            {
                run = _runs.GetValueOrDefault(container ?? Name(Containers[0]));
            }

            if (run is null)
            {
                return string.Empty;
            }

            lock (run.Output)
            {
                return run.Output.ToString();
            }
        }

        private List<JsonObject> Containers => spec["properties"]!["containers"]!.AsArray().Select(c => c!.AsObject()).ToList();

        private List<JsonObject> InitContainers => spec["properties"]!["initContainers"]?.AsArray().Select(c => c!.AsObject()).ToList() ?? [];

        public async Task ProvisionAsync(TimeSpan delay)
        {
            await Task.Delay(delay).ConfigureAwait(false);
            lock (_gate)
            {
                if (_killed)
                {
                    return;
                }

                if (Containers.Concat(InitContainers).Any(c => Properties(c)["image"]?.GetValue<string>() == MissingImage))
                {
                    (_provisioning, _event) = ("Failed", $"Failed to pull image \"{MissingImage}\": manifest unknown");
                    return;
                }

                _provisioning = "Succeeded";
            }

            foreach (var init in InitContainers)
            {
                var run = Start(init);
                if (run is null || await run.WaitAsync().ConfigureAwait(false) != 0)
                {
                    lock (_gate)
                    {
                        _event = $"init container {Name(init)} failed";
                    }

                    return;
                }
            }

            var runs = Containers.Select(Start).OfType<ContainerRun>().ToList();
            await Task.WhenAll(runs.Select(r => r.WaitAsync())).ConfigureAwait(false);
        }

        public void Kill()
        {
            lock (_gate)
            {
                _killed = true;
                foreach (var run in _runs.Values)
                {
                    run.Kill();
                }
            }
        }

        public JsonObject View()
        {
            lock (_gate)
            {
                JsonObject ViewOf(JsonObject definition)
                {
                    var container = (JsonObject)Properties(definition).DeepClone();
                    foreach (var variable in container["environmentVariables"]?.AsArray() ?? [])
                    {
                        // ARM never returns secure values.
                        variable!.AsObject().Remove("secureValue");
                    }

                    var run = _runs.GetValueOrDefault(Name(definition));
                    var current = new JsonObject { ["state"] = run?.State ?? "Waiting" };
                    if (run?.ExitCode is { } code)
                    {
                        current["exitCode"] = code;
                        current["detailStatus"] = code == 0 ? "Completed" : "Error";
                    }

                    container["instanceView"] = new JsonObject
                    {
                        ["currentState"] = current,
                        ["events"] = new JsonArray(_event is null ? [] : [new JsonObject { ["message"] = _event }]),
                    };
                    return new JsonObject { ["name"] = Name(definition), ["properties"] = container };
                }

                var all = Containers.Select(c => _runs.GetValueOrDefault(Name(c))).ToList();
                var terminated = all.All(r => r?.State == "Terminated");
                return new JsonObject
                {
                    ["name"] = name,
                    ["location"] = spec["location"]?.DeepClone(),
                    ["properties"] = new JsonObject
                    {
                        ["provisioningState"] = _provisioning,
                        ["containers"] = new JsonArray(Containers.Select(c => (JsonNode)ViewOf(c)).ToArray()),
                        ["initContainers"] = new JsonArray(InitContainers.Select(c => (JsonNode)ViewOf(c)).ToArray()),
                        // A group with declared ports has an IP; its containers are local processes, so it is loopback.
                        ["ipAddress"] = spec["properties"]!["ipAddress"] is { } ip ? new JsonObject { ["ip"] = "127.0.0.1", ["type"] = ip["type"]?.DeepClone(), ["ports"] = ip["ports"]?.DeepClone() } : null,
                        ["instanceView"] = new JsonObject { ["state"] = _provisioning == "Failed" ? "Failed" : terminated ? (all.All(r => r!.ExitCode == 0) ? "Succeeded" : "Failed") : "Running" },
                    },
                };
            }
        }

        private static string Name(JsonObject container) => container["name"]!.GetValue<string>();

        private static JsonObject Properties(JsonObject container) => container["properties"]!.AsObject();

        /// <summary>Starts <paramref name="definition"/>'s process; null when the group was killed first.</summary>
        private ContainerRun? Start(JsonObject definition)
        {
            var container = Properties(definition);
            var home = Path.Combine(directory, "containers", Name(definition));
            Directory.CreateDirectory(Path.Combine(home, "tmp"));
            var mounts = Mounts(container);
            var command = container["command"]?.AsArray().Select(c => programs.GetValueOrDefault(c!.GetValue<string>()) ?? Rewrite(c.GetValue<string>(), mounts)).ToList() ?? ["true"];
            if (mounts.Values.All(m => !m.StartsWith("/tmp/", StringComparison.Ordinal)) && PrivateTmpWorks.Value)
            {
                command = ["unshare", "--mount", "--map-root-user", "--", "/bin/sh", "-c", "mount --bind \"$0\" /tmp && exec \"$@\"", Path.Combine(home, "tmp"), .. command];
            }

            var start = new ProcessStartInfo(command[0])
            {
                WorkingDirectory = home,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in command.Skip(1))
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment.Clear();
            start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH");
            start.Environment["HOME"] = home;
            foreach (var variable in container["environmentVariables"]?.AsArray() ?? [])
            {
                start.Environment[variable!["name"]!.GetValue<string>()] = (variable["secureValue"] ?? variable["value"])?.GetValue<string>() ?? string.Empty;
            }

            lock (_gate)
            {
                if (_killed)
                {
                    return null;
                }

                var run = new ContainerRun(start, line => Unrewrite(line, mounts));
                _runs[Name(definition)] = run;
                return run;
            }
        }

        /// <summary>The group's volumes as folders of its own, by the mount paths of <paramref name="container"/>.</summary>
        private Dictionary<string, string> Mounts(JsonObject container)
        {
            var mounts = new Dictionary<string, string>(StringComparer.Ordinal);
            var volumes = spec["properties"]!["volumes"]?.AsArray() ?? [];
            foreach (var mount in container["volumeMounts"]?.AsArray() ?? [])
            {
                var volume = volumes.FirstOrDefault(v => v!["name"]!.GetValue<string>() == mount!["name"]!.GetValue<string>());
                var local = Path.Combine(directory, "volumes", mount!["name"]!.GetValue<string>());
                Directory.CreateDirectory(local);
                foreach (var (file, content) in volume?["secret"]?.AsObject() ?? [])
                {
                    File.WriteAllBytes(Path.Combine(local, file), Convert.FromBase64String(content!.GetValue<string>()));
                }

                mounts[mount["mountPath"]!.GetValue<string>()] = local;
            }

            return mounts;
        }

        /// <summary>
        /// An output file's marker line names the path the container read, which the command line had rewritten to a
        /// local folder: it names the mount path again, as the container in ACI would.
        /// </summary>
        private static string Unrewrite(string line, Dictionary<string, string> mounts)
        {
            const string Marker = Engine.Executors.OutputCapture.Marker + " ";
            if (!line.StartsWith(Marker, StringComparison.Ordinal) || line == Marker + "end")
            {
                return line;
            }

            var path = Encoding.UTF8.GetString(Convert.FromBase64String(line[Marker.Length..]));
            foreach (var (mountPath, local) in mounts)
            {
                path = path.StartsWith(local, StringComparison.Ordinal) ? mountPath + path[local.Length..] : path;
            }

            return Marker + Convert.ToBase64String(Encoding.UTF8.GetBytes(path));
        }

        /// <summary>Each mount path in <paramref name="arg"/> replaced by its folder, in one pass (a folder may contain another mount path).</summary>
        private static string Rewrite(string arg, Dictionary<string, string> mounts) => mounts.Count == 0
            ? arg
            : Regex.Replace(arg, string.Join('|', mounts.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape)), m => mounts[m.Value], RegexOptions.None, TimeSpan.FromSeconds(1));
    }

    /// <summary>True when this host can give a process a private <c>/tmp</c> (user and mount namespaces).</summary>
    private static readonly Lazy<bool> PrivateTmpWorks = new(() =>
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("unshare", ["--mount", "--map-root-user", "true"]) { RedirectStandardError = true })!;
            probe.WaitForExit();
            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    /// <summary>One container's process: its state, exit code and output.</summary>
    private sealed class ContainerRun
    {
        private readonly Process _process;
        private readonly Lock _gate = new();
        private bool _killed;

        private readonly Func<string, string> _translate;

        public ContainerRun(ProcessStartInfo start, Func<string, string> translate)
        {
            _translate = translate;
            _process = new Process { StartInfo = start };
            _process.OutputDataReceived += (_, e) => Append(e.Data);
            _process.ErrorDataReceived += (_, e) => Append(e.Data);
            _process.Start();
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public StringBuilder Output { get; } = new();

        public string State { get; private set; } = "Running";

        public int? ExitCode { get; private set; }

        public async Task<int> WaitAsync()
        {
            await _process.WaitForExitAsync().ConfigureAwait(false);
            await Task.Delay(50).ConfigureAwait(false); // let the output pumps drain
            lock (_gate)
            {
                ExitCode ??= _killed ? 137 : _process.ExitCode;
                State = "Terminated";
                return ExitCode.Value;
            }
        }

        public void Kill()
        {
            lock (_gate)
            {
                _killed = true;
                try
                {
                    _process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // Already exited.
                }
            }
        }

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (Output)
                {
                    Output.Append(_translate(line)).Append('\n');
                }
            }
        }
    }
}
