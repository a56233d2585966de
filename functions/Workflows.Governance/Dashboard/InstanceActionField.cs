namespace Workflows.Governance.Dashboard;

/// <summary>The field an instance action's form has besides its token.</summary>
public enum InstanceActionField
{
    /// <summary>None.</summary>
    None,

    /// <summary>An optional reason, recorded with the action.</summary>
    Reason,

    /// <summary>Whether a restart takes a new instance id.</summary>
    NewInstanceId,
}
