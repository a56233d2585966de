namespace Workflows.DurableTask.Tests.Infrastructure;

/// <summary>Where one test's Azure Storage task hub lives: the project's Azurite and a hub name no other test uses.</summary>
public sealed record AzuriteTaskHub(string ConnectionString, string TaskHubName);
