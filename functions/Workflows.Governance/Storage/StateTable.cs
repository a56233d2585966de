using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace Workflows.Governance.Storage;

/// <summary>An Azure Storage table of shared state, created on first use. Each item is one entity whose partition key
/// is the SHA-256 of the item's own key (any text is allowed as a key; the table's keys forbid some characters), and
/// every change is conditional on the entity's ETag, so that instances racing on one item get one winner.</summary>
internal sealed class StateTable
{
    /// <summary>The row key of every item (one item per partition).</summary>
    public const string RowKey = "item";

    /// <summary>The property that keeps the item's own key, for whoever reads the table.</summary>
    public const string KeyProperty = "Key";

    private readonly TableClient table;
    private volatile bool created;

    public StateTable(TableClient table)
    {
        ArgumentNullException.ThrowIfNull(table);
        this.table = table;
    }

    /// <summary>The table's name.</summary>
    public string Name => this.table.Name;

    /// <summary>The partition key of the item <paramref name="key"/>.</summary>
    public static string PartitionOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    /// <summary>A new entity for the item <paramref name="key"/>.</summary>
    public static TableEntity NewEntity(string key) => new(PartitionOf(key), RowKey) { [KeyProperty] = key };

    /// <summary>The item, or null when there is none.</summary>
    public async Task<TableEntity?> GetAsync(string key, CancellationToken cancellationToken)
    {
        TableClient client = await this.ClientAsync(cancellationToken);
        NullableResponse<TableEntity> response = await client.GetEntityIfExistsAsync<TableEntity>(PartitionOf(key), RowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Adds <paramref name="entity"/>; its ETag, or null when the item exists already.</summary>
    public async Task<ETag?> TryAddAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        TableClient client = await this.ClientAsync(cancellationToken);
        try
        {
            Response response = await client.AddEntityAsync(entity, cancellationToken);
            return response.Headers.ETag;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return null;
        }
    }

    /// <summary>Replaces the item with <paramref name="entity"/> if it is still at <paramref name="expected"/>; the new
    /// ETag, or null when another writer changed or removed it first.</summary>
    public async Task<ETag?> TryReplaceAsync(TableEntity entity, ETag expected, CancellationToken cancellationToken)
    {
        TableClient client = await this.ClientAsync(cancellationToken);
        try
        {
            Response response = await client.UpdateEntityAsync(entity, expected, TableUpdateMode.Replace, cancellationToken);
            return response.Headers.ETag;
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            return null;
        }
    }

    /// <summary>Writes <paramref name="entity"/> whatever the item holds.</summary>
    public async Task UpsertAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        TableClient client = await this.ClientAsync(cancellationToken);
        await client.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Removes the item if it is still at <paramref name="expected"/> (<see cref="ETag.All"/>: whatever it holds);
    /// an item already gone or changed is left as it is.</summary>
    public async Task DeleteAsync(string key, ETag expected, CancellationToken cancellationToken)
    {
        TableClient client = await this.ClientAsync(cancellationToken);
        try
        {
            await client.DeleteEntityAsync(PartitionOf(key), RowKey, expected, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
        }
    }

    /// <summary>Takes the item of <paramref name="entity"/> for this caller: adds the entity when there is no
    /// item, or replaces the item when <paramref name="canTakeOver"/> says it is stale, in either case only if no other
    /// writer got there first. The new ETag, or null with the item that stays when another holds it.</summary>
    public async Task<(ETag? Taken, TableEntity? Held)> TryTakeAsync(
        TableEntity entity, Func<TableEntity, bool> canTakeOver, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(canTakeOver);
        string key = (string)entity[KeyProperty];

        // An item removed between the failed add and the read is tried again; the loop ends when one write wins or
        // another writer holds a live item.
        while (true)
        {
            if (await this.TryAddAsync(entity, cancellationToken) is ETag added)
            {
                return (added, null);
            }

            if (await this.GetAsync(key, cancellationToken) is not TableEntity existing)
            {
                continue;
            }

            if (!canTakeOver(existing))
            {
                return (null, existing);
            }

            if (await this.TryReplaceAsync(entity, existing.ETag, cancellationToken) is ETag replaced)
            {
                return (replaced, null);
            }

            // Another writer changed the item first: it holds it, unless that change was to remove it.
            if (await this.GetAsync(key, cancellationToken) is TableEntity winner)
            {
                return (null, winner);
            }
        }
    }

    private async Task<TableClient> ClientAsync(CancellationToken cancellationToken)
    {
        if (!this.created)
        {
            await this.table.CreateIfNotExistsAsync(cancellationToken);
            this.created = true;
        }

        return this.table;
    }
}
