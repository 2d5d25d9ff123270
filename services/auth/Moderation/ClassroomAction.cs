namespace Classroom.Micro.Auth.Moderation;

/// <summary>What a teacher does to a classroom or to one of its members.</summary>
internal enum ClassroomAction
{
    /// <summary>Ends the class: every connection on the classroom channel is disconnected; nothing is recorded.</summary>
    End,

    /// <summary>Removes a member: tokens issued up to the kick no longer open the classroom channel.</summary>
    Kick,

    /// <summary>The member's publishes to the classroom channel are refused until unmuted.</summary>
    Mute,

    Unmute,
}
