namespace Workflows.Governance.Email;

/// <summary>A mailbox: an address and, optionally, the name shown with it.</summary>
/// <param name="Address">The address, such as <c>chair@example.org</c>.</param>
/// <param name="DisplayName">The name shown with the address, such as <c>Dr Jane Smith</c>; none when null.</param>
public sealed record EmailAddress(string Address, string? DisplayName = null)
{
    /// <inheritdoc/>
    public override string ToString() =>
        string.IsNullOrWhiteSpace(this.DisplayName) ? this.Address : $"{this.DisplayName} <{this.Address}>";
}
