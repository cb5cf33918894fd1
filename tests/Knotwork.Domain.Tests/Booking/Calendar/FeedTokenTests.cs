using Knotwork.Domain.Booking.Calendar;

namespace Knotwork.Domain.Tests.Booking.Calendar;

public class FeedTokenTests
{
    [Fact]
    public void ANewToken_IsLongRandomAndSafeInAUrl()
    {
        var tokens = Enumerable.Range(0, 100).Select(_ => FeedToken.Create()).ToList();

        Assert.All(tokens, t => Assert.Equal(43, t.Length)); // 32 bytes, unpadded base64url
        Assert.All(tokens, t => Assert.Matches("^[A-Za-z0-9_-]+$", t));
        Assert.Equal(tokens.Count, tokens.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void TheStoredHash_AcceptsItsToken_AndNotTheTokenItself()
    {
        var token = FeedToken.Create();
        var stored = FeedToken.Hash(token);

        Assert.True(FeedToken.Matches(stored, token));
        Assert.DoesNotContain(token, stored, StringComparison.Ordinal);
        Assert.False(FeedToken.Matches(token, token));
    }

    [Fact]
    public void RenewingTheToken_RevokesTheOldUrl()
    {
        var old = FeedToken.Create();
        var renewed = FeedToken.Create();
        var stored = FeedToken.Hash(renewed);

        Assert.False(FeedToken.Matches(stored, old));
        Assert.True(FeedToken.Matches(stored, renewed));
    }

    [Theory]
    [InlineData(null, "x")]
    [InlineData("", "x")]
    [InlineData("not-a-hash", "x")]
    [InlineData("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "x")]
    public void AMissingOrMalformedHash_MatchesNothing(string? stored, string presented) =>
        Assert.False(FeedToken.Matches(stored, presented));

    [Fact]
    public void AMissingOrAlteredToken_DoesNotMatch()
    {
        var token = FeedToken.Create();
        var stored = FeedToken.Hash(token);

        Assert.False(FeedToken.Matches(stored, null));
        Assert.False(FeedToken.Matches(stored, ""));
        Assert.False(FeedToken.Matches(stored, token[..^1]));
        Assert.False(FeedToken.Matches(stored, token[..^1] + (token[^1] == 'A' ? 'B' : 'A')));
    }
}
