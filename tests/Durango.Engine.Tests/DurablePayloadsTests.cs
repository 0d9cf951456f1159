using System.Reflection;
using System.Text.Json;
using Durango.Engine.Activities;
using Durango.Engine.Cron;
using Durango.Engine.Locks;
using Durango.Engine.Orchestration;
using Microsoft.DurableTask.Converters;

namespace Durango.Engine.Tests;

/// <summary>
/// <see cref="DurablePayloads"/> leaves null properties out. That is only safe while every payload type reads a
/// missing property back as null: a property whose default is something else (a constructor parameter's default, an
/// initializer) would turn a null into that default on the way through history.
/// </summary>
public class DurablePayloadsTests
{
    /// <summary>What travels through Durable: the engine's orchestrator and activity inputs and outputs, events and custom status.</summary>
    private static readonly Type[] Roots =
    [
        .. DurangoTasks.Orchestrators.Concat(DurangoTasks.Activities).SelectMany(task => GenericArguments(task.Type)),
        typeof(ControlSignal), typeof(LockRequest), typeof(LockReply), typeof(CronSignal), typeof(WorkflowSummary), typeof(CronStatusSummary),
    ];

    [Fact]
    public void EveryPayloadType_ReadsAMissingNullablePropertyAsNull()
    {
        var types = Reachable(Roots);

        Assert.Contains(typeof(LeafRunInput), types);
        Assert.Contains(typeof(Core.Spec.ContainerBody), types);
        Assert.True(types.Count > 90, $"only {types.Count} payload types were found");
        Assert.Empty(types.SelectMany(NotNullWhenMissing));
    }

    [Fact]
    public void TheCheck_FindsAPropertyWhoseDefaultIsNotNull()
    {
        Assert.Equal(new[] { "Defaulted.Kind", "Defaulted.Items" }, NotNullWhenMissing(typeof(Defaulted)));
    }

    [Fact]
    public void PayloadsWrittenWithTheirNulls_ReadBackAsWrittenWithout()
    {
        var nulls = 0;
        foreach (var (payload, type) in EngineWarmup.Samples(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero)))
        {
            var current = DurablePayloads.Converter.Serialize(payload)!;
            var before = JsonDataConverter.Default.Serialize(payload)!;

            Assert.DoesNotContain(":null", current, StringComparison.Ordinal);
            Assert.Equal(current, DurablePayloads.Converter.Serialize(DurablePayloads.Converter.Deserialize(before, type)));
            nulls += before.Split(":null").Length - 1;
        }

        Assert.True(nulls > 20, $"the samples held only {nulls} nulls");
    }

    /// <summary>The properties of <paramref name="type"/> that may hold null but are not null when read from JSON without them.</summary>
    private static List<string> NotNullWhenMissing(Type type)
    {
        var read = JsonSerializer.Deserialize(Minimal(type), type, DurablePayloads.Options)!;
        var nullability = new NullabilityInfoContext();
        return
        [
            .. DurablePayloads.Options.GetTypeInfo(type).Properties
                .Select(p => type.GetProperty(p.Name, BindingFlags.Public | BindingFlags.Instance))
                .OfType<PropertyInfo>()
                .Where(p => p.CanRead && (p.PropertyType.IsValueType
                    ? Nullable.GetUnderlyingType(p.PropertyType) is not null
                    : nullability.Create(p).ReadState != NullabilityState.NotNull))
                .Where(p => p.GetValue(read) is not null)
                .Select(p => $"{type.Name}.{p.Name}"),
        ];
    }

    /// <summary>
    /// The shortest JSON that <paramref name="type"/> reads: its required properties only, each at its own shortest
    /// (a polymorphic type as its first concrete kind).
    /// </summary>
    private static string Minimal(Type type)
    {
        if (type == typeof(string))
        {
            return "\"x\"";
        }

        if (type.IsValueType)
        {
            return Nullable.GetUnderlyingType(type) is null ? JsonSerializer.Serialize(Activator.CreateInstance(type), type, DurablePayloads.Options) : "null";
        }

        var info = DurablePayloads.Options.GetTypeInfo(type);
        switch (info.Kind)
        {
            case System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Enumerable:
                return "[]";
            case System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Dictionary:
                return "{}";
        }

        var members = info.Properties.Where(p => p.IsRequired).Select(p => $"\"{p.Name}\":{Minimal(p.PropertyType)}");
        if (info.PolymorphismOptions is { } polymorphism)
        {
            var kind = polymorphism.DerivedTypes.First(d => !d.DerivedType.IsAbstract);
            var own = Minimal(kind.DerivedType);
            members = [$"\"{polymorphism.TypeDiscriminatorPropertyName}\":\"{kind.TypeDiscriminator}\"", .. own.Length > 2 ? [own[1..^1]] : Array.Empty<string>()];
        }

        return "{" + string.Join(",", members) + "}";
    }

    /// <summary>Every class of Durango's own that <paramref name="roots"/> reach through their properties, subtypes included.</summary>
    private static HashSet<Type> Reachable(IEnumerable<Type> roots)
    {
        var found = new HashSet<Type>();
        var seen = new HashSet<Type>();
        var queue = new Queue<Type>(roots);
        while (queue.TryDequeue(out var type))
        {
            if (!seen.Add(type))
            {
                continue;
            }

            foreach (var inner in type.IsArray ? [type.GetElementType()!] : type.IsGenericType ? type.GetGenericArguments() : [])
            {
                queue.Enqueue(inner);
            }

            if (type.Assembly.GetName().Name?.StartsWith("Durango.", StringComparison.Ordinal) != true || type.IsEnum || type.IsGenericType)
            {
                continue;
            }

            if (type.IsClass && !type.IsAbstract)
            {
                found.Add(type);
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                queue.Enqueue(property.PropertyType);
            }

            foreach (var derived in type.IsAbstract ? type.Assembly.GetTypes().Where(t => t.IsSubclassOf(type)) : [])
            {
                queue.Enqueue(derived);
            }
        }

        return found;
    }

    private static Type[] GenericArguments(Type task)
    {
        for (var type = task; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType)
            {
                return type.GetGenericArguments();
            }
        }

        return [];
    }

    /// <summary>A payload type the rule forbids: a null written for either property would read back as its default.</summary>
    private sealed record Defaulted(string Name, string? Kind = "pod")
    {
        public List<string>? Items { get; init; } = [];
    }
}
