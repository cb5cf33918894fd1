namespace Knotwork.Web.Tests;

/// <summary>A clock that stands still until a test moves it: the app's "now" under test.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
