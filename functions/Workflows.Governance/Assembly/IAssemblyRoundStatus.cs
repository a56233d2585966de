namespace Workflows.Governance.Assembly;

/// <summary>What every kind of round publishes, for the routes and pages that steer and show rounds of any kind.</summary>
public interface IAssemblyRoundStatus
{
    /// <summary>The round.</summary>
    string RoundId { get; }

    /// <summary>Open or closed.</summary>
    RoundState State { get; }

    /// <summary>When it closes (UTC).</summary>
    DateTime ClosesAt { get; }

    /// <summary>Who closed it early, if an admin did.</summary>
    string? ClosedBy { get; }

    /// <summary>Where its record's JSON is, once written.</summary>
    string? RecordPath { get; }

    /// <summary>Each member: id, name, and its state in a word or two, for the board.</summary>
    IReadOnlyList<RoundMemberState> MemberStates();
}
