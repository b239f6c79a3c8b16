using System.Security.Cryptography;
using System.Text;
using RnnNotebooks.Kernel.Protocol;

namespace RnnNotebooks.Kernel.Tests.Protocol;

public sealed class SigningTests
{
    private static readonly byte[][] Parts = ["{\"msg_id\":\"1\"}"u8.ToArray(), "{}"u8.ToArray(), "{}"u8.ToArray(), "{\"code\":\"1\"}"u8.ToArray()];

    [Fact]
    public void Signature_is_the_hex_hmac_sha256_of_the_four_parts()
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes("secret"));
        var expected = Convert.ToHexStringLower(hmac.ComputeHash(Parts.SelectMany(p => p).ToArray()));
        Assert.Equal(expected, MessageSigner.Create("secret", "hmac-sha256").Sign(Parts[0], Parts[1], Parts[2], Parts[3]));
    }

    [Fact]
    public void Verification_accepts_either_hex_case_and_rejects_any_change()
    {
        var signer = MessageSigner.Create("secret", "hmac-sha256");
        var signature = signer.Sign(Parts[0], Parts[1], Parts[2], Parts[3]);
        Assert.True(signer.Verify(Encoding.ASCII.GetBytes(signature.ToUpperInvariant()), Parts[0], Parts[1], Parts[2], Parts[3]));
        Assert.False(signer.Verify(Encoding.ASCII.GetBytes(signature), Parts[0], Parts[1], Parts[2], "{\"code\":\"2\"}"u8));
        Assert.False(MessageSigner.Create("other", "hmac-sha256").Verify(Encoding.ASCII.GetBytes(signature), Parts[0], Parts[1], Parts[2], Parts[3]));
    }

    [Fact]
    public void An_empty_key_disables_signing_as_the_protocol_says()
    {
        var signer = MessageSigner.Create("", "hmac-sha256");
        Assert.Equal("", signer.Sign(Parts[0], Parts[1], Parts[2], Parts[3]));
        Assert.True(signer.Verify([], Parts[0], Parts[1], Parts[2], Parts[3]));
    }

    [Fact]
    public void An_unknown_scheme_is_refused_with_the_supported_ones()
    {
        var error = Assert.Throws<InvalidDataException>(() => MessageSigner.Create("k", "rot13"));
        Assert.Contains("rot13", error.Message);
        Assert.Contains("hmac-sha256", error.Message);
    }

    [Fact]
    public void The_codec_refuses_a_second_copy_of_a_signed_message_even_with_its_hex_upper_cased()
    {
        var codec = new WireCodec(MessageSigner.Create("secret", "hmac-sha256"));
        var frames = codec.Encode(new JupyterMessage([], new System.Text.Json.Nodes.JsonObject { ["msg_id"] = "1", ["msg_type"] = "execute_request" }, [], [], [], []));
        Assert.True(codec.TryDecode(frames, out _, out _));
        Assert.False(codec.TryDecode(frames, out _, out var rejection));
        Assert.Contains("replayed", rejection);
        var upper = frames.ToList();
        upper[1] = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(upper[1]).ToUpperInvariant());
        Assert.False(codec.TryDecode(upper, out _, out _));
    }

    [Fact]
    public void Without_a_key_nothing_is_signed_so_repeats_cannot_be_told_apart_and_pass()
    {
        var codec = new WireCodec(MessageSigner.Create("", "hmac-sha256"));
        var frames = codec.Encode(new JupyterMessage([], new System.Text.Json.Nodes.JsonObject { ["msg_id"] = "1" }, [], [], [], []));
        Assert.True(codec.TryDecode(frames, out _, out _));
        Assert.True(codec.TryDecode(frames, out _, out _));
    }

    [Fact]
    public void Signature_history_is_bounded_and_forgets_the_oldest_first()
    {
        var history = new SignatureHistory(capacity: 3);
        foreach (var signature in new[] { "a1", "b2", "c3" })
            Assert.True(history.TryRecord(Encoding.ASCII.GetBytes(signature)));
        Assert.False(history.TryRecord("A1"u8));
        Assert.True(history.TryRecord("d4"u8)); // evicts a1
        Assert.True(history.TryRecord("a1"u8));
        Assert.False(history.TryRecord("c3"u8));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SignatureHistory(0));
    }

    [Theory]
    [InlineData("a😀b", 2, 3)]
    [InlineData("a😀b", 3, 4)]
    [InlineData("abc", 2, 2)]
    public void Cursor_positions_convert_between_code_points_and_utf16(string text, int codePoints, int utf16)
    {
        Assert.Equal(utf16, CodePoints.ToUtf16(text, codePoints));
        Assert.Equal(codePoints, CodePoints.FromUtf16(text, utf16));
    }
}
