using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Durango.Testing.StandIns;

/// <summary>
/// The slice of Azure Resource Manager the <c>aci</c> runtime uses, on 127.0.0.1: container groups are created
/// (asynchronously: <c>Creating</c>, then running), read with their instance view, their container's log read, and
/// deleted. A group's container really runs — its command as a process on this host, with its environment
/// (secure values included) and its secret volumes as files — so exit codes, output and timing are real. It checks
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
                group = new Group(name, spec, Path.Combine(_root, name));
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
                await JsonAsync(context, 200, new JsonObject { ["content"] = group.Output }).ConfigureAwait(false);
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

    [GeneratedRegex("^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft.ContainerInstance/containerGroups/(?<name>[a-z0-9-]+)(?<logs>/containers/[^/]+/logs)?$")]
    private static partial Regex GroupPath();

    /// <summary>One container group and its one container, run as a local process.</summary>
    private sealed class Group(string name, JsonObject spec, string directory)
    {
        private readonly StringBuilder _output = new();
        private readonly Lock _gate = new();
        private Process? _process;
        private string _provisioning = "Creating";
        private string _state = "Waiting";
        private int? _exitCode;
        private string? _event;
        private bool _killed;

        public bool IsRunning
        {
            get
            {
                lock (_gate)
                {
                    return _state == "Running";
                }
            }
        }

        public string Output
        {
            get
            {
                lock (_gate)
                {
                    return _output.ToString();
                }
            }
        }

        private JsonObject Container => spec["properties"]!["containers"]![0]!["properties"]!.AsObject();

        public async Task ProvisionAsync(TimeSpan delay)
        {
            await Task.Delay(delay).ConfigureAwait(false);
            lock (_gate)
            {
                if (_killed)
                {
                    return;
                }

                if (Container["image"]?.GetValue<string>() == MissingImage)
                {
                    (_provisioning, _event) = ("Failed", $"Failed to pull image \"{MissingImage}\": manifest unknown");
                    return;
                }

                _provisioning = "Succeeded";
                _state = "Running";
                _process = Start();
            }

            await _process.WaitForExitAsync().ConfigureAwait(false);
            await Task.Delay(50).ConfigureAwait(false); // let the output pumps drain
            lock (_gate)
            {
                _exitCode = _killed ? 137 : _process.ExitCode;
                _state = "Terminated";
            }
        }

        public void Kill()
        {
            lock (_gate)
            {
                _killed = true;
                try
                {
                    _process?.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // Already exited.
                }
            }
        }

        public JsonObject View()
        {
            lock (_gate)
            {
                var container = (JsonObject)Container.DeepClone();
                foreach (var variable in container["environmentVariables"]?.AsArray() ?? [])
                {
                    // ARM never returns secure values.
                    variable!.AsObject().Remove("secureValue");
                }

                var current = new JsonObject { ["state"] = _state };
                if (_exitCode is { } code)
                {
                    current["exitCode"] = code;
                    current["detailStatus"] = code == 0 ? "Completed" : "Error";
                }

                container["instanceView"] = new JsonObject
                {
                    ["currentState"] = current,
                    ["events"] = new JsonArray(_event is null ? [] : [new JsonObject { ["message"] = _event }]),
                };
                return new JsonObject
                {
                    ["name"] = name,
                    ["location"] = spec["location"]?.DeepClone(),
                    ["properties"] = new JsonObject
                    {
                        ["provisioningState"] = _provisioning,
                        ["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["properties"] = container }),
                        ["instanceView"] = new JsonObject { ["state"] = _provisioning == "Failed" ? "Failed" : _state == "Terminated" ? (_exitCode == 0 ? "Succeeded" : "Failed") : "Running" },
                    },
                };
            }
        }

        private Process Start()
        {
            Directory.CreateDirectory(directory);
            var mounts = Mounts();
            var command = Container["command"]?.AsArray().Select(c => Rewrite(c!.GetValue<string>(), mounts)).ToList() ?? ["true"];
            var start = new ProcessStartInfo(command[0])
            {
                WorkingDirectory = directory,
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
            start.Environment["HOME"] = directory;
            foreach (var variable in Container["environmentVariables"]?.AsArray() ?? [])
            {
                start.Environment[variable!["name"]!.GetValue<string>()] = (variable["secureValue"] ?? variable["value"])?.GetValue<string>() ?? string.Empty;
            }

            var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return process;
        }

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (_gate)
                {
                    _output.Append(line).Append('\n');
                }
            }
        }

        /// <summary>Secret volumes as files in this group's directory, by mount path.</summary>
        private Dictionary<string, string> Mounts()
        {
            var mounts = new Dictionary<string, string>(StringComparer.Ordinal);
            var volumes = spec["properties"]!["volumes"]?.AsArray() ?? [];
            foreach (var mount in Container["volumeMounts"]?.AsArray() ?? [])
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

        private static string Rewrite(string arg, Dictionary<string, string> mounts)
        {
            foreach (var (mountPath, local) in mounts)
            {
                arg = arg.Replace(mountPath, local, StringComparison.Ordinal);
            }

            return arg;
        }
    }
}
