using Durango.Core.Spec;
using Durango.Engine.Semantics;

namespace Durango.Engine.Tests.Semantics;

/// <summary>
/// Argo's artifact repositories as pure rules (upstream pkg/apis/workflow/v1alpha1/artifact_repository_types.go,
/// workflow/controller/workflowpod.go IsArchiveLogs, workflow/executor/executor.go saveContainerLogs).
/// </summary>
public class ArtifactRepositoryRulesTests
{
    private static readonly AzureArtifact Named = new() { Endpoint = "https://acct.blob.core.windows.net", Container = "c", Blob = "team/{{workflow.name}}/{{pod.name}}" };

    [Theory]
    [InlineData(true, null, null, true)]
    [InlineData(true, false, false, true)]
    [InlineData(false, null, true, true)]
    [InlineData(false, false, true, false)]
    [InlineData(false, true, false, true)]
    [InlineData(false, null, null, false)]
    public void ArchiveLogs_RepositoryThenTemplateThenWorkflow(bool repository, bool? template, bool? workflow, bool expected) =>
        Assert.Equal(expected, ArtifactRepositoryRules.ArchiveLogs(repository, new ArchiveLocation(template, workflow)));

    [Fact]
    public void Key_FillsWorkflowAndPodName_AnotherVariableIsNull()
    {
        Assert.Equal("wf/wf-main-1", ArtifactRepositoryRules.Key(ArtifactRepositoryRules.DefaultKeyFormat, "wf", "wf-main-1"));
        Assert.Null(ArtifactRepositoryRules.Key("{{workflow.creationTimestamp.Y}}/{{pod.name}}", "wf", "p"));
    }

    [Fact]
    public void Destination_InANamedRepository_KeyOnlyIsAKeyThere_NoneIsTheStepsKey_FullStays()
    {
        var full = new AzureArtifact { Endpoint = "https://other.blob.core.windows.net", Container = "x", Blob = "b" };

        var keyOnly = ArtifactRepositoryRules.Destination(new Artifact { Name = "a", Azure = new AzureArtifact { Blob = "my-file" } }, Named, "k");
        var none = ArtifactRepositoryRules.Destination(new Artifact { Name = "a" }, Named, "k");
        var own = ArtifactRepositoryRules.Destination(new Artifact { Name = "a", Azure = full }, Named, "k");

        Assert.Equal(("c", "my-file"), (keyOnly.Azure!.Container, keyOnly.Azure.Blob));
        Assert.Equal(("c", "k/a.tgz"), (none.Azure!.Container, none.Azure.Blob));
        Assert.Equal(full, own.Azure);
    }

    [Fact]
    public void LogArtifact_IsMainLogsAsItIs_UnderTheStepsKey()
    {
        var log = ArtifactRepositoryRules.LogArtifact(ArtifactRepositoryRules.DefaultLocation, "wf/wf");

        Assert.Equal(("main-logs", ArtifactArchive.None, "wf/wf/main.log", true), (log.Name, log.Archive, log.Azure!.Blob, log.Azure.KeyOnly));
    }
}
