using Durango.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Durango.Core.Loading;

/// <summary>
/// Watches YamlDotNet's event stream before the representation model (which recurses once per level) is built
/// from it: a document nested deeper than <see cref="WorkflowLoader.MaxDepth"/>, a mapping with a key twice, or
/// aliases that expand past <see cref="WorkflowLoader.MaxExpandedNodes"/> nodes stop reading with a
/// <see cref="YamlLimitException"/> at that event's line and column. Also remembers the end of the last event read,
/// for errors that carry no position.
/// </summary>
internal sealed class YamlGuard(IParser inner) : IParser
{
    private readonly Stack<Frame> _open = new();
    private readonly Dictionary<string, long> _anchorSizes = new(StringComparer.Ordinal);

    public Mark LastGood { get; private set; } = Mark.Empty;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        var moved = inner.MoveNext();
        if (inner.Current is { } current)
        {
            Watch(current);
            LastGood = current.End;
        }

        return moved;
    }

    private void Watch(ParsingEvent current)
    {
        switch (current)
        {
            case DocumentStart:
                _open.Clear();
                _anchorSizes.Clear();
                break;
            case Scalar scalar:
                Child(scalar, scalar.Value);
                Add(scalar, 1);
                Remember(scalar.Anchor, 1);
                break;
            case AnchorAlias alias:
                Child(alias, null);
                Add(alias, _anchorSizes.GetValueOrDefault(alias.Value.Value, 1));
                break;
            case MappingStart or SequenceStart:
                var path = Child(current, null);
                if (_open.Count >= WorkflowLoader.MaxDepth)
                {
                    throw new YamlLimitException(current.Start, current.End, DiagnosticCodes.TooDeep, path,
                        $"the document nests deeper than {WorkflowLoader.MaxDepth} levels of mappings and lists; flatten it (pass deep data as a JSON string instead)");
                }

                _open.Push(new Frame(current is MappingStart, path, ((NodeEvent)current).Anchor));
                break;
            case MappingEnd or SequenceEnd when _open.Count > 0:
                var closed = _open.Pop();
                Remember(closed.Anchor, closed.Size + 1);
                Add(current, closed.Size + 1);
                break;
        }
    }

    /// <summary>Counts a node starting in the open collection; returns its path. Rejects a mapping key seen before.</summary>
    private string Child(ParsingEvent node, string? scalarValue)
    {
        if (!_open.TryPeek(out var parent))
        {
            return string.Empty;
        }

        var index = parent.Children++;
        if (!parent.IsMapping)
        {
            return SpecPath.Index(parent.Path, index);
        }

        if (index % 2 == 1)
        {
            return SpecPath.Field(parent.Path, parent.LastKey ?? "?");
        }

        parent.LastKey = scalarValue;
        if (scalarValue is not null && !parent.Keys.Add(scalarValue))
        {
            throw new YamlLimitException(node.Start, node.End, DiagnosticCodes.DuplicateKey, SpecPath.Field(parent.Path, scalarValue),
                $"duplicate key '{Excerpt.Of(scalarValue)}': a mapping holds each key once; remove or rename one of them");
        }

        return parent.Path;
    }

    /// <summary>Adds <paramref name="size"/> expanded nodes to the open collection; aliases count what they repeat.</summary>
    private void Add(ParsingEvent at, long size)
    {
        if (_open.TryPeek(out var parent))
        {
            parent.Size += size;
            if (parent.Size > WorkflowLoader.MaxExpandedNodes)
            {
                throw new YamlLimitException(at.Start, at.End, DiagnosticCodes.TooDeep, parent.Path,
                    $"the document's aliases (*name) expand to more than {WorkflowLoader.MaxExpandedNodes} nodes; write the values out or repeat them less");
            }
        }
    }

    private void Remember(AnchorName anchor, long size)
    {
        if (!anchor.IsEmpty)
        {
            _anchorSizes[anchor.Value] = size;
        }
    }

    private sealed class Frame(bool isMapping, string path, AnchorName anchor)
    {
        public bool IsMapping { get; } = isMapping;

        public string Path { get; } = path;

        public AnchorName Anchor { get; } = anchor;

        public int Children { get; set; }

        public long Size { get; set; }

        public string? LastKey { get; set; }

        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>A document Durango will not read further: too deep, a duplicate key, too much aliasing.</summary>
internal sealed class YamlLimitException(Mark start, Mark end, string code, string path, string message)
    : YamlException(start, end, message)
{
    public string Code { get; } = code;

    public string Path { get; } = path;

    public string Reason { get; } = message;
}
