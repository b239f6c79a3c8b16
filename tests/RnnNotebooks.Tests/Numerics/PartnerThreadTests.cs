using RnnNotebooks.Numerics;

namespace RnnNotebooks.Tests.Numerics;

[Collection(nameof(PartnerThreadTests))]
public class PartnerThreadTests
{
    [Fact]
    public void The_second_part_runs_on_another_thread_while_the_first_is_still_running()
    {
        // Part 0 blocks until part 1 has started: only a partner running at the same time can release it.
        // A pair run one part after the other times out here on every attempt.
        Assert.True(Environment.ProcessorCount > 1, "The partner thread needs a second core; this machine has one.");
        for (int attempt = 0; attempt < 3; attempt++)
        {
            using var started = new ManualResetEventSlim();
            int caller = Environment.CurrentManagedThreadId, partner = caller;
            bool together = false;
            PartnerThread.RunPair(part =>
            {
                if (part == 1)
                {
                    partner = Environment.CurrentManagedThreadId;
                    started.Set();
                }
                else together = started.Wait(TimeSpan.FromSeconds(2));
            });
            if (together)
            {
                Assert.NotEqual(caller, partner);
                return;
            }
        }
        Assert.Fail("In three attempts part 1 never started while part 0 was running: the pair ran one part after the other.");
    }

    [Fact]
    public void Every_call_runs_each_part_exactly_once_before_returning()
    {
        for (int call = 0; call < 2000; call++)
        {
            var runs = new int[2];
            PartnerThread.RunPair(part => Interlocked.Increment(ref runs[part]));
            Assert.Equal([1, 1], runs);
        }
    }

    [Fact]
    public void A_failing_part_reaches_the_caller_and_the_next_call_still_runs_both_parts()
    {
        foreach (int failing in new[] { 0, 1 })
        {
            var error = Assert.Throws<InvalidOperationException>(() => PartnerThread.RunPair(part =>
            {
                if (part == failing) throw new InvalidOperationException($"part {part}");
            }));
            Assert.Equal($"part {failing}", error.Message);

            var runs = new int[2];
            PartnerThread.RunPair(part => Interlocked.Increment(ref runs[part]));
            Assert.Equal([1, 1], runs);
        }
    }

    [Fact]
    public void Callers_on_several_threads_at_once_each_get_both_parts()
    {
        const int callers = 4, calls = 500;
        var totals = new int[callers, 2];
        Parallel.For(0, callers, new ParallelOptions { MaxDegreeOfParallelism = callers }, caller =>
        {
            for (int call = 0; call < calls; call++)
                PartnerThread.RunPair(part => Interlocked.Increment(ref totals[caller, part]));
        });
        for (int caller = 0; caller < callers; caller++)
        {
            Assert.Equal(calls, totals[caller, 0]);
            Assert.Equal(calls, totals[caller, 1]);
        }
    }
}
