using System.Net.Sockets;
using System.Text;

namespace Durango.Server.Tests.Api;

/// <summary>A client that sends its body too slowly gets a 408 with argo's error body, not a 500 or a held connection.</summary>
[Collection(ServeCollection.Name)]
public sealed class SlowBodyTests(ServeFixture serve)
{
    [Fact]
    public async Task Create_BodyTrickledBelowTheMinimumRate_408WithArgoError()
    {
        var address = new Uri(serve.BaseUrl);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        await using var stream = tcp.GetStream();
        var head = $"POST /api/v1/workflows/argo HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/yaml\r\nContent-Length: 60000\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        // One byte every 200 ms, far below Kestrel's 240 bytes/s after its grace period; bounded to 300 bytes.
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        for (var sent = 0; sent < 300 && !answer.ToString().Contains("\r\n\r\n", StringComparison.Ordinal); sent++)
        {
            try
            {
                await stream.WriteAsync("k"u8.ToArray());
            }
            catch (IOException)
            {
                // The server closed its side after answering.
            }

            await Task.Delay(200);
            while (tcp.Available > 0)
            {
                var read = await stream.ReadAsync(buffer);
                answer.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
        }

        using var reading = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!answer.ToString().Contains("\"code\"", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, reading.Token);
            if (read == 0)
            {
                break;
            }

            answer.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        var text = answer.ToString();
        Assert.StartsWith("HTTP/1.1 408", text, StringComparison.Ordinal);
        Assert.Contains("\"code\":4", text, StringComparison.Ordinal); // DeadlineExceeded
    }
}
