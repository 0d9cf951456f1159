using System.Text.Json;
using System.Text.Json.Nodes;
using Durango.Api.Lists;
using Durango.Api.Workflows;
using Microsoft.AspNetCore.Http;

namespace Durango.Api.Http;

/// <summary>
/// A streamed answer as grpc-gateway writes one: each item <c>{"result": ...}</c>, as server-sent events
/// (<c>data: ...</c>, what the argo CLI asks for) or as JSON lines (what Hera and curl read), with heartbeats.
/// </summary>
internal sealed class EventStream
{
    private readonly HttpResponse _response;
    private readonly bool _sse;
    private readonly FieldProjection? _fields;
    private DateTimeOffset _lastWrite = DateTimeOffset.UtcNow;

    private EventStream(HttpResponse response, bool sse, FieldProjection? fields)
    {
        _response = response;
        _sse = sse;
        _fields = fields;
    }

    /// <summary>Starts the stream: headers out, so that clients see the 200 before the first item.</summary>
    public static async Task<EventStream> StartAsync(HttpResponse response, bool sse, FieldProjection? fields, CancellationToken cancellationToken)
    {
        response.ContentType = sse ? "text/event-stream" : "application/json";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new EventStream(response, sse, fields);
    }

    /// <summary>Writes <c>{"result": item}</c>.</summary>
    public async Task WriteAsync(object item, CancellationToken cancellationToken)
    {
        JsonNode result = new JsonObject { ["result"] = JsonSerializer.SerializeToNode(item, item.GetType(), WorkflowJson.Options) };
        if (_fields is { } fields)
        {
            result = fields.Apply(result);
        }

        var json = result.ToJsonString(WorkflowJson.Options);
        await _response.WriteAsync(_sse ? $"data: {json}\n\n" : json + "\n", cancellationToken).ConfigureAwait(false);
        await _response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        _lastWrite = DateTimeOffset.UtcNow;
    }

    /// <summary>Writes a heartbeat if nothing was written for <paramref name="interval"/> (an SSE comment, or a blank JSON line).</summary>
    public async Task HeartbeatAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        if (DateTimeOffset.UtcNow - _lastWrite < interval)
        {
            return;
        }

        await _response.WriteAsync(_sse ? ":\n\n" : "\n", cancellationToken).ConfigureAwait(false);
        await _response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        _lastWrite = DateTimeOffset.UtcNow;
    }
}
