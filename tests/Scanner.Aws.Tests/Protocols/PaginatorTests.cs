using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Scanner.Aws.Errors;
using Scanner.Aws.Protocols;
using Scanner.Aws.Services;

namespace Scanner.Aws.Tests.Protocols;

/// <summary>The page loop over a fake service: whatever tokens it returns, the loop ends, and it follows them in order.</summary>
public sealed class PaginatorTests
{
    /// <summary>
    /// Tokens come from a small alphabet so repeats are common; 0 stands for "no next token" (null), 1 for the empty
    /// string, which also ends the listing. After the sequence runs out the fake service answers with no token.
    /// </summary>
    [Property(MaxTest = 500)]
    public Property Pages_end_at_the_last_page_or_at_the_first_repeated_token()
    {
        var tokens = Gen.Choose(0, 7).Select(v => v switch { 0 => null, 1 => "", _ => "token-" + v }).ArrayOf();
        return Prop.ForAll(tokens.ToArbitrary(), sequence =>
        {
            var sent = new List<string?>();
            var served = 0;
            Task<ListAccountsResponse> Send(ListAccountsForParentRequest request)
            {
                sent.Add(request.NextToken);
                var token = served < sequence.Length ? sequence[served] : null;
                served++;
                if (served > sequence.Length + 1)
                {
                    throw new InvalidOperationException("The paginator asked for more pages than the service has: it is looping.");
                }

                return Task.FromResult(new ListAccountsResponse([], token));
            }

            var (expectedPages, expectLoop) = Expected(sequence);
            var pages = 0;
            AwsServiceException? loop = null;
            try
            {
                var enumerator = Paginator.PagesAsync(Send, OrganizationsApi.ListAccountsForParent, new ListAccountsForParentRequest("r-ab12")).GetAsyncEnumerator();
                while (enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult())
                {
                    pages++;
                }
            }
            catch (AwsServiceException e) when (e.ErrorCode == "PaginationLoop")
            {
                loop = e;
            }

            var followed = sent.Skip(1).ToList();
            return pages == expectedPages
                && (loop is not null) == expectLoop
                && sent[0] is null
                && followed.SequenceEqual(sequence.Take(expectedPages - 1))
                && (loop is null || (loop.Service == "Organizations" && loop.Operation == "ListAccountsForParent"));
        });
    }

    [Fact]
    public async Task A_service_that_keeps_returning_the_same_token_is_stopped()
    {
        var calls = 0;
        Task<ListAccountsResponse> Send(ListAccountsForParentRequest request)
        {
            calls++;
            return Task.FromResult(new ListAccountsResponse([new OrgAccount($"{calls:D12}", "arn", null, null, "ACTIVE", null, null)], "same"));
        }

        var pages = new List<ListAccountsResponse>();
        var act = async () =>
        {
            await foreach (var page in Paginator.PagesAsync(Send, OrganizationsApi.ListAccountsForParent, new ListAccountsForParentRequest("r-ab12")))
            {
                pages.Add(page);
            }
        };

        (await act.Should().ThrowAsync<AwsServiceException>()).Which.ErrorCode.Should().Be("PaginationLoop");
        calls.Should().Be(2);
        pages.Should().HaveCount(2);
    }

    [Fact]
    public async Task Cancellation_stops_before_the_next_page()
    {
        using var cancel = new CancellationTokenSource();
        var calls = 0;
        Task<ListAccountsResponse> Send(ListAccountsForParentRequest request)
        {
            calls++;
            return Task.FromResult(new ListAccountsResponse([], "next-" + calls));
        }

        var act = async () =>
        {
            await foreach (var _ in Paginator.PagesAsync(Send, OrganizationsApi.ListAccountsForParent, new ListAccountsForParentRequest("r-ab12"), cancel.Token))
            {
                if (calls == 3)
                {
                    await cancel.CancelAsync();
                }
            }
        };

        await act.Should().ThrowAsync<OperationCanceledException>();
        calls.Should().Be(3);
    }

    /// <summary>How many pages the loop must read, and whether it must stop on a repeated token.</summary>
    private static (int Pages, bool Loop) Expected(string?[] sequence)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sequence.Length; i++)
        {
            var token = sequence[i];
            if (string.IsNullOrEmpty(token))
            {
                return (i + 1, false);
            }

            if (!seen.Add(token))
            {
                return (i + 1, true);
            }
        }

        return (sequence.Length + 1, false);
    }
}
