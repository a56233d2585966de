using System.Runtime.CompilerServices;
using DurableTask.Core.History;
using Newtonsoft.Json.Serialization;

namespace Workflows.DurableTask.Sqlite.Storage;

/// <summary>Lets Newtonsoft read history events that have no parameterless constructor (ExecutionRewoundEvent has two
/// parameterized ones, so DurableTask.Core's default settings cannot read it back): such an event is created empty and
/// filled from its data members.</summary>
internal sealed class HistoryEventContractResolver : DefaultContractResolver
{
    protected override JsonObjectContract CreateObjectContract(Type objectType)
    {
        JsonObjectContract contract = base.CreateObjectContract(objectType);
        if (contract.DefaultCreator is null && contract.OverrideCreator is null && typeof(HistoryEvent).IsAssignableFrom(objectType))
        {
            contract.DefaultCreator = () => RuntimeHelpers.GetUninitializedObject(objectType);
            contract.DefaultCreatorNonPublic = false;
        }

        return contract;
    }
}
