using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using RecoveryCluster.Errors;

namespace RecoveryCluster.UnitTests.Errors;

public sealed class ErrorFingerprintTests
{
    private static string Fingerprint(string message, ErrorType type = ErrorType.Database, string component = "orders-db", string operation = "SaveOrder") =>
        ErrorFingerprint.Compute(type, component, operation, message);

    [Theory]
    [InlineData("connection reset after 30 ms", "connection reset after 4711 ms")]
    [InlineData("retry 1 of 5 failed", "retry 4 of 10 failed")]
    [InlineData("order 3f2504e0-4f89-11d3-9a0c-0305e82c3301 not found", "order 6B29FC40-CA47-1067-B31D-00DD010662DA not found")]
    [InlineData("cannot reach 10.0.0.5", "cannot reach 192.168.100.254")]
    [InlineData("cannot reach 10.0.0.5:5432", "cannot reach 172.16.0.1:6543")]
    [InlineData("cannot reach 2001:0db8:85a3:0000:0000:8a2e:0370:7334", "cannot reach fe80:0000:0000:0000:0202:b3ff:fe1e:8329")]
    [InlineData("segfault at 0x7ffe12ab", "segfault at 0xDEADBEEF")]
    [InlineData("trace id a1b2c3d4e5f6 lost", "trace id 9f8e7d6c5b4a lost")]
    [InlineData("lock held since 12:30:45", "lock held since 09:05:01")]
    [InlineData("  padded 1  ", "padded 2")]
    public void Repeats_differing_only_in_volatile_parts_share_a_fingerprint(string first, string repeat)
    {
        Assert.Equal(Fingerprint(first), Fingerprint(repeat));
    }

    [Theory]
    [InlineData("connection reset after 30 ms", "connection reset after <n> ms")]
    [InlineData("order 3f2504e0-4f89-11d3-9a0c-0305e82c3301 missing", "order <guid> missing")]
    [InlineData("cannot reach 10.0.0.5:5432 now", "cannot reach <addr> now")]
    [InlineData("peer 2001:0db8:85a3:0000:0000:8a2e:0370:7334 gone", "peer <addr> gone")]
    [InlineData("bad pointer 0x7ffe12ab", "bad pointer <hex>")]
    [InlineData("span a1b2c3d4e5 dropped", "span <hex> dropped")]
    [InlineData("  trimmed  ", "trimmed")]
    [InlineData("no volatile parts", "no volatile parts")]
    public void Normalize_masks_guids_addresses_hex_and_numbers(string message, string expected)
    {
        Assert.Equal(expected, ErrorFingerprint.Normalize(message));
    }

    [Theory]
    [InlineData("decade facade")]
    [InlineData("deadbeef")]
    public void Normalize_keeps_words_made_only_of_hex_letters(string message)
    {
        // Letters-only runs are left alone, or words like "decade" would be masked.
        Assert.Equal(message, ErrorFingerprint.Normalize(message));
    }

    [Fact]
    public void Different_components_operations_types_or_messages_give_different_fingerprints()
    {
        var baseline = Fingerprint("connection reset");
        var others = new[]
        {
            Fingerprint("connection reset", component: "payments-db"),
            Fingerprint("connection reset", operation: "LoadOrder"),
            Fingerprint("connection reset", type: ErrorType.Network),
            Fingerprint("connection refused"),
        };

        Assert.All(others, other => Assert.NotEqual(baseline, other));
        Assert.Equal(others.Length, others.Distinct().Count());
    }

    [Fact]
    public void Component_and_operation_are_case_sensitive()
    {
        Assert.NotEqual(Fingerprint("boom", component: "orders-db"), Fingerprint("boom", component: "Orders-DB"));
    }

    [Fact]
    public void Is_the_type_name_and_sixteen_lower_case_hex_characters()
    {
        foreach (var type in Enum.GetValues<ErrorType>())
        {
            var fingerprint = Fingerprint("boom", type);

            Assert.Matches(new Regex($"^{type.ToName()}-[0-9a-f]{{16}}$"), fingerprint);
        }
    }

    [Fact]
    public void Hashes_component_operation_and_normalized_message_with_sha256()
    {
        // Pins the format other clients must reproduce: the first 8 bytes of SHA-256 over "component\noperation\nnormalized".
        var expected = "database-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("orders-db\nSaveOrder\nconnection reset after <n> ms"))[..8]);

        Assert.Equal(expected, Fingerprint("connection reset after 30 ms"));
    }

    [Fact]
    public void The_fingerprint_of_an_occurrence_uses_its_type_component_operation_and_message()
    {
        var occurrence = new ErrorOccurrence(
            ErrorType.Timeout,
            ErrorSeverity.High,
            "deadline 500 ms exceeded",
            "System.TimeoutException",
            new ErrorContext("pricing-api", "Quote", "worker-7", HardwareId: "host-b"),
            new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(
            ErrorFingerprint.Compute(ErrorType.Timeout, "pricing-api", "Quote", "deadline 500 ms exceeded"),
            ErrorFingerprint.Compute(occurrence));
        Assert.Equal(
            ErrorFingerprint.Compute(occurrence),
            ErrorFingerprint.Compute(occurrence with { Severity = ErrorSeverity.Low, ExceptionType = null, Context = occurrence.Context with { WorkerId = "worker-8", HardwareId = null } }));
    }

    [Fact]
    public void Rejects_null_arguments()
    {
        Assert.Throws<ArgumentNullException>(() => ErrorFingerprint.Normalize(null!));
        Assert.Throws<ArgumentNullException>(() => ErrorFingerprint.Compute(ErrorType.Database, null!, "op", "m"));
        Assert.Throws<ArgumentNullException>(() => ErrorFingerprint.Compute(ErrorType.Database, "c", null!, "m"));
        Assert.Throws<ArgumentNullException>(() => ErrorFingerprint.Compute(ErrorType.Database, "c", "op", null!));
        Assert.Throws<ArgumentNullException>(() => ErrorFingerprint.Compute(null!));
    }

    [Fact]
    public void Repeats_differing_only_in_a_compressed_ipv6_address_share_a_fingerprint()
    {
        Assert.Equal("connect to <addr> failed", ErrorFingerprint.Normalize("connect to fe80::abcd failed"));
        Assert.Equal(Fingerprint("connect to fe80::abcd failed"), Fingerprint("connect to fe80::beef failed"));
    }

    [Fact]
    public void Repeats_differing_only_in_a_decimal_number_share_a_fingerprint()
    {
        Assert.Equal(Fingerprint("timed out after 1.5 s"), Fingerprint("timed out after 12 s"));
    }
}
