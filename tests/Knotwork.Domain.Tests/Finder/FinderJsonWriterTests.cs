using System.Buffers;
using System.Text;
using System.Text.Json;
using CsCheck;
using Knotwork.Domain.Contract;
using Knotwork.Domain.Finder;
using Knotwork.Domain.Knowledge;

namespace Knotwork.Domain.Tests.Finder;

/// <summary>The fast writer must say exactly what serialising the contract DTOs says.</summary>
public class FinderJsonWriterTests
{
    private static readonly FinderJsonWriter Writer = new(KnowledgeBase.Default);

    private static string Fast(FinderResult result, JsonElement? id)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            Writer.Write(json, result, id);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Reference(FinderResult result, JsonElement? id) =>
        JsonSerializer.Serialize(FinderContract.ToResponse(result, id), ContractJson.Default.FinderResponse);

    [Fact]
    public void Writer_MatchesTheContractSerialiser_ForAnyQuery()
    {
        var gen = from indexes in Gen.Int[0, 162].Array[1, 20]
                  from context in Gen.Int[0, ContextFactor.All.Count - 1].Array[0, 2]
                  from withId in Gen.Int[0, 2]
                  from answers in Gen.Int[0, 2].Array[SafetyQuestions.All.Count]
                  select (indexes, context, withId, answers);
        gen.Sample(t =>
        {
            var query = new FinderQuery
            {
                Regions = t.indexes.Distinct().Select(i => KnowledgeBase.Default.Regions.All[i]).ToArray(),
                Context = t.context.Distinct().Select(i => ContextFactor.All[i]).ToArray(),
                Answers = SafetyQuestions.All.Aggregate(SafetyAnswers.None, (a, q) => t.answers[q.Index] == 0 ? a : a.With(q, t.answers[q.Index] == 1)),
            };
            JsonElement? id = t.withId switch
            {
                0 => null,
                1 => JsonDocument.Parse("\"visit-\\\"7\\\"\"").RootElement,
                _ => JsonDocument.Parse("42").RootElement,
            };
            var result = Find.Finder.Find(query);
            Assert.Equal(Reference(result, id), Fast(result, id));
        });
    }
}
