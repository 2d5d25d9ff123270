namespace Classroom.Micro.Fanout.Storage;

/// <summary>The retention in force for one channel, after namespace overrides.</summary>
internal readonly record struct StreamRetention(int MaxLength, TimeSpan Ttl, TimeSpan MetaTtl, long MaxBytes = StreamOptions.DefaultMaxBytes)
{
    /// <summary>
    /// How much later than <see cref="Ttl"/> an idle stream may expire: appends push the expiry out only once less than
    /// the TTL is left, to ttl + slack, rather than on every append (a sixteenth of the TTL, at most a minute).
    /// </summary>
    public TimeSpan ExpirySlack => TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, Math.Min(Ttl.Ticks / 16, TimeSpan.TicksPerMinute)));
}
