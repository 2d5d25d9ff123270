namespace Classroom.Micro.Registry.Storage;

/// <summary>Subscriptions removed, and retired generations left to another replica that holds their claim.</summary>
internal readonly record struct GenerationCleanup(int Removed, int Pending);
