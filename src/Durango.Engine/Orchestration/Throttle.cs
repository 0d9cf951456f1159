namespace Durango.Engine.Orchestration;

/// <summary>Starts work items with at most <c>limit</c> running at once (Argo's <c>parallelism</c>), keeping their order.</summary>
internal static class Throttle
{
    public static async Task<T[]> RunAsync<T>(IReadOnlyList<Func<Task<T>>> work, int? limit)
    {
        if (limit is not > 0 || limit >= work.Count)
        {
            return await Task.WhenAll(work.Select(start => start()));
        }

        var tasks = new Task<T>[work.Count];
        var running = new List<Task<T>>();
        for (var i = 0; i < work.Count; i++)
        {
            if (running.Count >= limit)
            {
                running.Remove(await Task.WhenAny(running));
            }

            tasks[i] = work[i]();
            running.Add(tasks[i]);
        }

        return await Task.WhenAll(tasks);
    }
}
