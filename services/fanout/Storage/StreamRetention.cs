namespace Classroom.Micro.Fanout.Storage;

/// <summary>The retention in force for one channel, after namespace overrides.</summary>
internal readonly record struct StreamRetention(int MaxLength, TimeSpan Ttl, TimeSpan MetaTtl);
