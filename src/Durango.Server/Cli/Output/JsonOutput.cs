using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Durango.Server.Cli;

/// <summary>The JSON settings of everything the CLI prints for machines, and the writing of a large document.</summary>
internal static class JsonOutput
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Writes <paramref name="value"/> to <paramref name="writer"/> as JSON while it is serialized, then a new line: the
    /// document is never whole in memory. Printing a 10,000-step chain's 20,001 nodes (11 MB of JSON) sets the peak
    /// resident set of <c>durango run --output json</c>: 306 MiB as one string, 278 and 289 MiB so (issue 12).
    /// </summary>
    public static async Task WriteAsync<T>(TextWriter writer, T value, JsonSerializerOptions options)
    {
        await using (var stream = new TextStream(writer))
        {
            await JsonSerializer.SerializeAsync(stream, value, options).ConfigureAwait(false);
        }

        await writer.WriteLineAsync().ConfigureAwait(false);
    }

    /// <summary>A write-only stream of UTF-8 that passes its text on to a <see cref="TextWriter"/>.</summary>
    internal sealed class TextStream(TextWriter writer) : Stream
    {
        private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
        private char[] _chars = [];

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var count = Decode(buffer);
            writer.Write(_chars, 0, count);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var count = Decode(buffer.Span);
            await writer.WriteAsync(_chars.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
        }

        public override void Flush() => writer.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => writer.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        // Into _chars, grown as needed; a character split across two writes waits in the decoder for its last bytes.
        private int Decode(ReadOnlySpan<byte> bytes)
        {
            var most = Encoding.UTF8.GetMaxCharCount(bytes.Length);
            if (_chars.Length < most)
            {
                _chars = new char[most];
            }

            return _decoder.GetChars(bytes, _chars, flush: false);
        }
    }
}
