using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Workflows.DurableTask.Queries;
using Workflows.DurableTask.Sqlite.Storage;

namespace Workflows.DurableTask.Sqlite.Queries;

/// <summary>Keyset paging of instances in one order: the ORDER BY, the condition that reads on after a page's last
/// instance, and the continuation token carrying that instance's keys (with the order it was made for, so a token
/// used with another order is refused). Every order ends with the instance id, so keys are unique and a page never
/// skips or repeats an instance while others are added or change.</summary>
internal sealed class InstanceKeyset
{
    // Before All: static fields are initialized in the order they are written.
    private static readonly Key Created = new("i.CreatedTime", IsText: false, r => r.CreatedTime);
    private static readonly Key Updated = new("i.LastUpdatedTime", IsText: false, r => r.LastUpdatedTime);
    private static readonly Key Id = new("i.InstanceId", IsText: true, r => r.InstanceId);
    private static readonly Key Name = new("i.Name", IsText: true, r => r.Name);

    private static readonly Dictionary<(InstanceOrderBy, bool), InstanceKeyset> All = Enum.GetValues<InstanceOrderBy>()
        .SelectMany(o => new[] { new InstanceKeyset(o, ascending: true), new InstanceKeyset(o, ascending: false) })
        .ToDictionary(k => (k.orderBy, k.ascending));

    private readonly InstanceOrderBy orderBy;
    private readonly bool ascending;
    private readonly Key[] keys;

    private InstanceKeyset(InstanceOrderBy orderBy, bool ascending)
    {
        this.orderBy = orderBy;
        this.ascending = ascending;
        this.keys = orderBy switch
        {
            InstanceOrderBy.LastUpdatedTime => [Updated, Id],
            InstanceOrderBy.InstanceId => [Id],
            InstanceOrderBy.Name => [Name, Created, Id],
            _ => [Created, Id],
        };
        string direction = ascending ? " ASC" : " DESC";
        this.OrderBySql = string.Join(", ", this.keys.Select(k => k.Column + direction));
    }

    /// <summary>The ORDER BY list, without the keywords.</summary>
    public string OrderBySql { get; }

    /// <summary>The paging of <paramref name="orderBy"/> in the given direction.</summary>
    public static InstanceKeyset For(InstanceOrderBy orderBy, bool ascending) =>
        All.TryGetValue((orderBy, ascending), out InstanceKeyset? keyset)
            ? keyset
            : throw new ArgumentOutOfRangeException(nameof(orderBy), orderBy, "Not an order the provider knows.");

    /// <summary>The token that reads on after <paramref name="last"/>.</summary>
    public string TokenAfter(InstanceRow last)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            json.WriteNumberValue((int)this.orderBy);
            json.WriteBooleanValue(this.ascending);
            foreach (Key key in this.keys)
            {
                switch (key.Read(last))
                {
                    case string text:
                        json.WriteStringValue(text);
                        break;
                    case long number:
                        json.WriteNumberValue(number);
                        break;
                }
            }

            json.WriteEndArray();
        }

        return Convert.ToBase64String(buffer.WrittenSpan);
    }

    /// <summary>The condition for the instances after the token's, adding its parameters.</summary>
    /// <exception cref="ArgumentException">The token is not one of this provider's, or was made for another order.</exception>
    public string After(string token, List<(string, object?)> parameters)
    {
        object[] values = this.Decode(token);
        string comparison = this.ascending ? ">" : "<";
        string condition = string.Empty;
        for (int i = this.keys.Length - 1; i >= 0; i--)
        {
            string name = "$k" + i.ToString(CultureInfo.InvariantCulture);
            parameters.Add((name, values[i]));
            string column = this.keys[i].Column;
            condition = condition.Length == 0
                ? $"{column} {comparison} {name}"
                : $"({column} {comparison} {name} OR ({column} = {name} AND {condition}))";
        }

        return condition;
    }

    private object[] Decode(string token)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(Convert.FromBase64String(token));
            JsonElement[] items = document.RootElement.EnumerateArray().ToArray();
            if (items.Length != this.keys.Length + 2 || items[0].GetInt32() != (int)this.orderBy || items[1].GetBoolean() != this.ascending)
            {
                throw new ArgumentException("The continuation token was made for another order or is not valid.", nameof(token));
            }

            var values = new object[this.keys.Length];
            for (int i = 0; i < this.keys.Length; i++)
            {
                values[i] = this.keys[i].IsText ? items[i + 2].GetString() ?? throw new FormatException() : items[i + 2].GetInt64();
            }

            return values;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException or DecoderFallbackException)
        {
            throw new ArgumentException("The continuation token is not valid.", nameof(token), ex);
        }
    }

    /// <summary>A column of an order and how to read its value from an instance: text, or ticks.</summary>
    private sealed record Key(string Column, bool IsText, Func<InstanceRow, object> Read);
}
