using Workflows.Governance.Documents;

namespace Workflows.Functions.Tests.Documents;

public sealed class DocumentPathTests
{
    [Theory]
    [InlineData("proposals/p-1/decision-record.json")]
    [InlineData("proposals/2024_07-Q3/papers/Finance report (v2), final+annex=1@CCG.pdf")]
    [InlineData("a")]
    [InlineData("proposals/p-1/papers/minutes..v2 .pdf")]
    public void Paths_of_sane_characters_are_valid(string path)
    {
        Assert.True(DocumentPath.IsValid(path));
        DocumentPath.Validate(path);
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("../x", "'..' segment")]
    [InlineData("a/./b", "'.' segment")]
    [InlineData("/etc/passwd", "it is absolute")]
    [InlineData("C:/x", "it is absolute")]
    [InlineData("a\\b", "backslash")]
    [InlineData("a//b", "empty segment")]
    [InlineData("a/b/", "ends with '/'")]
    [InlineData("a/.b", "reserved")]
    [InlineData("a/b.", "ends with '.'")]
    [InlineData("a/b ", "ends with ' '")]
    [InlineData("a/b<script>", "contains '<'")]
    [InlineData("a/b\u0000", "U+0000")]
    [InlineData("a/caf\u00e9", "U+00E9")]
    public void Invalid_paths_are_refused_with_a_message_saying_why(string path, string reason)
    {
        Assert.False(DocumentPath.IsValid(path));

        ArgumentException exception = Assert.Throws<ArgumentException>(() => DocumentPath.Validate(path, "name"));

        Assert.Equal("name", exception.ParamName);
        Assert.Contains(reason, exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\0', exception.Message);
    }

    [Fact]
    public void Lengths_are_limited_and_the_limits_are_in_the_message()
    {
        string longest = "p/" + string.Join('/', Enumerable.Repeat(new string('a', DocumentPath.MaxSegmentLength), 2)) + "/" + new string('b', DocumentPath.MaxLength - 2 - (2 * DocumentPath.MaxSegmentLength) - 2);
        Assert.Equal(DocumentPath.MaxLength, longest.Length);
        Assert.True(DocumentPath.IsValid(longest));

        Assert.Contains("513 characters long, more than the 512 allowed", Assert.Throws<ArgumentException>(() => DocumentPath.Validate(longest + "c")).Message, StringComparison.Ordinal);
        Assert.Contains("201 characters long, more than the 200 allowed", Assert.Throws<ArgumentException>(() => DocumentPath.Validate("p/" + new string('a', 201))).Message, StringComparison.Ordinal);
        Assert.Contains("33 segments", Assert.Throws<ArgumentException>(() => DocumentPath.Validate(string.Join('/', Enumerable.Repeat("s", 33)))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_path_is_an_ArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => DocumentPath.Validate(null));
        Assert.False(DocumentPath.IsValid(null));
    }

    [Theory]
    [InlineData("")]
    [InlineData("proposals/")]
    [InlineData("proposals/p-1/papers/rep")]
    [InlineData("proposals/p-1/papers/report.")]
    public void Prefixes_may_be_empty_end_with_a_slash_or_stop_inside_a_name(string prefix) => DocumentPath.ValidatePrefix(prefix);
}
