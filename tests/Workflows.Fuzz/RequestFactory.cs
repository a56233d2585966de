using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Workflows.Fuzz;

/// <summary>Makes the fuzzer's requests from a seeded <see cref="Random"/>: valid requests and their mutations (wrong or
/// missing keys, tampered, truncated, replayed and foreign tokens, missing or wrong anti-forgery tokens, random and
/// mutated JSON, wrong content types, oversize and non-UTF-8 bodies, odd path characters).</summary>
public sealed class RequestFactory(Random random, FuzzTargets targets)
{
    private const string Management = "/runtime/webhooks/durabletask";

    private static readonly string[] ContentTypes =
        ["application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "", "application/json; charset=latin1"];

    private static readonly string[] OddSegments =
        ["%00", "%2e%2e", "..%2F..%2Fetc%2Fpasswd", "%ff%fe", "%E2%80%AE", "%F0%9F%98%80", "a%20b", "%25", "~", "'", "%22%3E%3Cscript%3E", "%2F", "", ";", "%0d%0aSet-Cookie:x=1", new string('a', 3000)];

    private static readonly string[] ProposalActions = ["withdraw", "deadline", "resend", "bodies/{body}/decision", "papers/{name}"];

    private static readonly string[] ManagementActions = ["raiseEvent/Decision", "raiseEvent/Withdraw", "terminate", "suspend", "resume", "rewind", "restart"];

    /// <summary>The next request.</summary>
    public FuzzRequest Next() => random.Next(100) switch
    {
        < 25 => this.Admin(),
        < 40 => this.ManagementApi(),
        < 62 => this.Approval(),
        < 72 => this.Assembly(),
        < 87 => this.Dashboard(),
        < 93 => this.Outbox(),
        _ => this.OddPath(),
    };

    private FuzzRequest Admin()
    {
        string id = this.ProposalId();
        string path = random.Next(6) switch
        {
            0 => "/api/proposals",
            1 => "/api/governance",
            2 => $"/api/proposals/{id}",
            3 => "/api/proposals?" + this.Query(),
            _ => $"/api/proposals/{id}/" + this.Pick(ProposalActions).Replace("{body}", this.Pick(targets.BodyIds), StringComparison.Ordinal).Replace("{name}", this.Segment(), StringComparison.Ordinal),
        };
        HttpMethod method = path.StartsWith("/api/governance", StringComparison.Ordinal) || path.Contains('?', StringComparison.Ordinal) || random.Next(4) == 0 ? HttpMethod.Get : HttpMethod.Post;
        (byte[]? body, string? type) = method == HttpMethod.Post ? this.Body(this.ProposalJson()) : (null, null);
        return new FuzzRequest("admin", method, path, body, type, this.Key(rightKeyMayChangeState: method == HttpMethod.Get || path == "/api/proposals"));
    }

    private FuzzRequest ManagementApi()
    {
        // With the right key, only reads and requests for instances that do not exist: an accepted change by an
        // admin is no finding, and would make the state checks of its batch moot.
        bool rightKey = random.Next(3) == 0;
        string id = rightKey ? "fz-none-" + random.Next(1000).ToString(CultureInfo.InvariantCulture) : this.InstanceId();
        (string path, HttpMethod method) = random.Next(5) switch
        {
            0 => ($"{Management}/instances?" + this.Query(), HttpMethod.Get),
            1 => ($"{Management}/instances/{id}?showHistory=true&showHistoryOutput=true", HttpMethod.Get),
            2 => ($"{Management}/instances/{id}/{this.Pick(ManagementActions)}?reason={this.Segment()}", HttpMethod.Post),
            3 => ($"{Management}/orchestrators/{this.Pick(["ProposalOrchestrator", "NoSuchOrchestrator", this.Segment()])}/{id}", HttpMethod.Post),
            _ => ($"{Management}/instances/{id}", HttpMethod.Delete),
        };
        if (rightKey && method == HttpMethod.Post && path.Contains("/orchestrators/", StringComparison.Ordinal))
        {
            rightKey = false;
        }

        (byte[]? body, string? type) = method == HttpMethod.Post ? this.Body(this.ProposalJson()) : (null, null);
        var headers = rightKey ? new Dictionary<string, string> { ["x-functions-key"] = targets.AdminKey } : this.WrongKey();
        return new FuzzRequest("management", method, path, body, type, headers);
    }

    private FuzzRequest Approval()
    {
        string token = this.Token();
        string path = random.Next(5) == 0 ? $"/approvals/{token}/papers/{this.Segment()}" : $"/approvals/{token}";
        if (random.Next(2) == 0 || path.Contains("/papers/", StringComparison.Ordinal))
        {
            return new FuzzRequest("approval", HttpMethod.Get, path, null, null, this.Cookie());
        }

        // A confirmation without the page's anti-forgery token (missing, wrong, or another form's field names).
        string form = random.Next(4) switch
        {
            0 => "comment=" + Uri.EscapeDataString(this.Text(200)),
            1 => "__RequestVerificationToken=" + this.Garbage(80) + "&comment=ok",
            2 => this.Text(400),
            _ => string.Empty,
        };
        (byte[]? body, string? type) = random.Next(4) == 0 ? this.Body(form) : (Encoding.UTF8.GetBytes(form), "application/x-www-form-urlencoded");
        return new FuzzRequest("approval", HttpMethod.Post, path, body, type, this.Cookie());
    }

    private FuzzRequest Assembly()
    {
        if (random.Next(2) == 0)
        {
            string token = this.Token();
            return random.Next(2) == 0
                ? new FuzzRequest("assembly", HttpMethod.Get, $"/assembly/links/{token}", null, null, this.Cookie())
                : new FuzzRequest("assembly", HttpMethod.Post, $"/assembly/links/{token}", Encoding.UTF8.GetBytes("name=x&role=y"), "application/x-www-form-urlencoded", this.Cookie());
        }

        string kind = this.Pick(["nominations", "consultations", "work-programme"]);
        string path = random.Next(3) switch
        {
            0 => "/api/assembly",
            1 => $"/api/assembly/{kind}",
            _ => $"/api/assembly/{kind}/{this.Segment()}/{this.Pick(["close", "extend", "resend", "record", "members/x/response"])}",
        };
        HttpMethod method = path == "/api/assembly" || path.EndsWith("/record", StringComparison.Ordinal) ? HttpMethod.Get : HttpMethod.Post;
        (byte[]? body, string? type) = method == HttpMethod.Post ? this.Body((this.RandomJson(3)?.ToJsonString() ?? "null")) : (null, null);
        return new FuzzRequest("assembly", method, path, body, type, this.Key(rightKeyMayChangeState: method == HttpMethod.Get));
    }

    private FuzzRequest Dashboard()
    {
        Dictionary<string, string> headers = this.Cookie();
        return random.Next(6) switch
        {
            0 => new FuzzRequest("dashboard", HttpMethod.Post, "/dashboard/signin", Encoding.UTF8.GetBytes("key=" + Uri.EscapeDataString(this.Garbage(24)) + "&returnUrl=" + this.Pick(["/dashboard", "https://evil.example.org/", "//evil.example.org", this.Segment()])), "application/x-www-form-urlencoded", headers),
            1 => new FuzzRequest("dashboard", HttpMethod.Post, $"/dashboard/instances/{this.InstanceId()}/{this.Pick(["terminate", "suspend", "resume", "purge", "raise", this.Segment()])}", Encoding.UTF8.GetBytes("reason=x"), "application/x-www-form-urlencoded", headers),
            2 => new FuzzRequest("dashboard", HttpMethod.Get, $"/dashboard/instances/{this.InstanceId()}", null, null, headers),
            3 => new FuzzRequest("dashboard", HttpMethod.Get, "/dashboard?" + this.Query(), null, null, headers),
            4 => new FuzzRequest("dashboard", HttpMethod.Post, "/dashboard/signout", null, null, headers),
            _ => new FuzzRequest("dashboard", HttpMethod.Get, this.Pick(["/dashboard/proposals", "/dashboard/signin?returnUrl=" + this.Segment(), "/dashboard/"]), null, null, headers),
        };
    }

    private FuzzRequest Outbox() => new(
        "outbox",
        HttpMethod.Get,
        random.Next(2) == 0 ? "/dev/outbox/" + this.Segment() : "/dev/outbox",
        null,
        null,
        new Dictionary<string, string> { ["Accept"] = this.Pick(["application/json", "text/html", "*/*", "application/json;q=0.1, text/html;q=0.9", this.Garbage(10)]) });

    private FuzzRequest OddPath()
    {
        string path = this.Pick(["/api/proposals/", "/approvals/", "/dashboard/instances/", Management + "/instances/", "/", "/api/", "/proposals/"]) + this.Segment() + (random.Next(2) == 0 ? "/" + this.Segment() : string.Empty);
        HttpMethod method = this.Pick([HttpMethod.Get, HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, HttpMethod.Options]);
        (byte[]? body, string? type) = method == HttpMethod.Get ? (null, null) : this.Body((this.RandomJson(2)?.ToJsonString() ?? "null"));
        return new FuzzRequest("paths", method, path, body, type, this.Key(rightKeyMayChangeState: false));
    }

    private Dictionary<string, string> Key(bool rightKeyMayChangeState) => random.Next(3) switch
    {
        0 when rightKeyMayChangeState => new Dictionary<string, string> { ["x-functions-key"] = targets.AdminKey },
        _ => this.WrongKey(),
    };

    private Dictionary<string, string> WrongKey() => random.Next(4) switch
    {
        0 => [],
        1 => new Dictionary<string, string> { ["x-functions-key"] = targets.AdminKey[..^1] + (targets.AdminKey[^1] == 'a' ? 'b' : 'a') },
        2 => new Dictionary<string, string> { ["x-functions-key"] = this.Garbage(random.Next(0, 300)) },
        _ => new Dictionary<string, string> { ["x-functions-key"] = targets.AdminKey.ToUpperInvariant() + " " },
    };

    private Dictionary<string, string> Cookie() => random.Next(3) switch
    {
        0 => new Dictionary<string, string> { ["Cookie"] = "workflows.dashboard=" + this.Garbage(120) + "; .AspNetCore.Antiforgery.x=" + this.Garbage(60) },
        _ => [],
    };

    private (byte[]? Body, string? ContentType) Body(string valid) => random.Next(8) switch
    {
        0 => (Encoding.UTF8.GetBytes(valid), "application/json"),
        1 => (this.Mutate(Encoding.UTF8.GetBytes(valid)), this.Pick(ContentTypes)),
        2 => (Encoding.UTF8.GetBytes((this.RandomJson(4)?.ToJsonString() ?? "null")), "application/json"),
        3 => ([0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1, 0x7B, 0x22, 0xF0, 0x28, 0x8C, 0xBC], "application/json"),
        4 => (new byte[random.Next(1, 3) * 1024 * 1024], "application/json"),
        5 => (Encoding.UTF8.GetBytes(valid[..random.Next(valid.Length)]), "application/json"),
        6 => (Encoding.UTF8.GetBytes(valid), this.Pick(ContentTypes)),
        _ => ([], this.Pick(ContentTypes)),
    };

    private string ProposalJson()
    {
        var json = new JsonObject
        {
            ["title"] = "Fuzzed proposal",
            ["summary"] = "A proposal the fuzzer changes.",
            ["category"] = this.Pick(["service-change", "policy", "procurement", "no-such-category"]),
            ["raisedBy"] = new JsonObject { ["body"] = this.Pick(targets.BodyIds), ["committee"] = "quality" },
            ["value"] = random.Next(3) == 0 ? -1 : random.Next(1_000_000),
        };
        foreach (string field in (string[])["title", "summary", "category", "raisedBy", "value", "id", "documents", "decision", "by", "reason", "deadline"])
        {
            switch (random.Next(10))
            {
                case 0:
                    json.Remove(field);
                    break;
                case 1:
                    json[field] = this.RandomJson(2);
                    break;
                case 2:
                    json[field] = this.Text(random.Next(0, 5000));
                    break;
                case 3:
                    json[field] = null;
                    break;
            }
        }

        return json.ToJsonString();
    }

    private JsonNode? RandomJson(int depth) => random.Next(depth <= 0 ? 5 : 8) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.NextDouble() * Math.Pow(10, random.Next(-5, 300))),
        3 => JsonValue.Create(this.Text(random.Next(50))),
        4 => JsonValue.Create(long.MinValue + random.NextInt64()),
        5 => new JsonArray([.. Enumerable.Range(0, random.Next(4)).Select(_ => this.RandomJson(depth - 1))]),
        _ => new JsonObject(Enumerable.Range(0, random.Next(5)).Select(i => KeyValuePair.Create(this.Pick(["title", "id", "decision", "by", "category", "documents", "x" + i.ToString(CultureInfo.InvariantCulture)]) + (i > 3 ? i.ToString(CultureInfo.InvariantCulture) : string.Empty), this.RandomJson(depth - 1))).DistinctBy(p => p.Key)),
    };

    private byte[] Mutate(byte[] valid)
    {
        byte[] bytes = [.. valid];
        for (int i = random.Next(1, 6); i > 0 && bytes.Length > 0; i--)
        {
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        }

        return bytes;
    }

    private string Token()
    {
        string token = targets.ApprovalTokens.Count > 0 ? this.Pick(targets.ApprovalTokens) : this.Garbage(100);
        return random.Next(7) switch
        {
            0 => token[..random.Next(token.Length)],
            1 => token + this.Garbage(random.Next(1, 10)),
            2 => Flip(token, random.Next(token.Length)),
            3 when targets.ApprovalTokens.Count > 1 => token[..(token.Length / 2)] + this.Pick(targets.ApprovalTokens)[(token.Length / 2)..],
            4 => this.Garbage(random.Next(0, 400)),
            5 => Uri.EscapeDataString(this.Text(30)),
            _ => token,
        };
    }

    private static string Flip(string token, int at) => token.Length == 0 ? "x" : string.Concat(token.AsSpan(0, at), token[at] == 'A' ? "B" : "A", token.AsSpan(at + 1));

    private string ProposalId() => random.Next(4) == 0 ? this.Segment() : this.Pick(targets.ProposalIds);

    private string InstanceId() => random.Next(3) switch
    {
        0 => this.Segment(),
        1 => this.Pick(targets.ProposalIds) + "%3A" + this.Pick(targets.BodyIds),
        _ => this.Pick(targets.ProposalIds),
    };

    private string Query() => string.Join("&", Enumerable.Range(0, random.Next(1, 5)).Select(_ =>
        this.Pick(["top", "continuationToken", "runtimeStatus", "createdTimeFrom", "createdTimeTo", "instanceIdPrefix", "showInput", "stage", "outcome", "sort", "dir", "status", "q", "page"]) + "=" + this.Pick(["-1", "0", "99999999999", "Running,Bogus", "2026-13-45", "%00", "true", "abc", this.Garbage(40), this.Segment()])));

    private string Segment() => random.Next(3) == 0 ? this.Pick(OddSegments) : Uri.EscapeDataString(this.Text(random.Next(1, 40)));

    private string Text(int length)
    {
        var text = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            text.Append(random.Next(10) switch
            {
                0 => (char)random.Next(0x20, 0xD7FF),
                1 => "<>\"'&%\\/{}"[random.Next(10)],
                _ => (char)random.Next('a', 'z' + 1),
            });
        }

        return text.ToString();
    }

    private string Garbage(int length)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~+/=";
        return string.Create(length, random, (span, r) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[r.Next(Alphabet.Length)];
            }
        });
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
