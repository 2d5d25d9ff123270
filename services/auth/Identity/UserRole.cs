namespace Classroom.Micro.Auth.Identity;

/// <summary>What a user is in a classroom; decides what they may publish.</summary>
internal enum UserRole
{
    Student,
    Teacher,
}
