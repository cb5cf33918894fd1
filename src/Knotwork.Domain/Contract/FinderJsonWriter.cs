using System.Collections.Frozen;
using System.Text.Json;
using Knotwork.Domain.Finder;
using Knotwork.Domain.Knowledge;

namespace Knotwork.Domain.Contract;

/// <summary>
/// Writes a <see cref="FinderResult"/> as the finder's JSON contract (exactly what serialising
/// <see cref="FinderContract.ToResponse"/> gives) straight to a <see cref="Utf8JsonWriter"/>, with every name,
/// identifier and label of the knowledge base encoded once up front. This is the hot path of the API and of
/// <c>knotwork find --batch</c>: it skips the intermediate DTOs and re-encoding the same strings per answer.
/// </summary>
public sealed class FinderJsonWriter
{
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText RegionsName = JsonEncodedText.Encode("regions");
    private static readonly JsonEncodedText RedFlags = JsonEncodedText.Encode("redFlags");
    private static readonly JsonEncodedText Code = JsonEncodedText.Encode("code");
    private static readonly JsonEncodedText Title = JsonEncodedText.Encode("title");
    private static readonly JsonEncodedText Advice = JsonEncodedText.Encode("advice");
    private static readonly JsonEncodedText UrgencyName = JsonEncodedText.Encode("urgency");
    private static readonly JsonEncodedText Because = JsonEncodedText.Encode("because");
    private static readonly JsonEncodedText SourceName = JsonEncodedText.Encode("source");
    private static readonly JsonEncodedText Questions = JsonEncodedText.Encode("questions");
    private static readonly JsonEncodedText Key = JsonEncodedText.Encode("key");
    private static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
    private static readonly JsonEncodedText Flag = JsonEncodedText.Encode("flag");
    private static readonly JsonEncodedText AnswerName = JsonEncodedText.Encode("answer");
    private static readonly JsonEncodedText[] Answers = [JsonEncodedText.Encode("no"), JsonEncodedText.Encode("yes")];
    private static readonly JsonEncodedText[] Urgencies = Enum.GetValues<Urgency>().Select(u => JsonEncodedText.Encode(FinderContract.UrgencyText(u))).ToArray();
    private static readonly JsonEncodedText Candidates = JsonEncodedText.Encode("candidates");
    private static readonly JsonEncodedText Rank = JsonEncodedText.Encode("rank");
    private static readonly JsonEncodedText MuscleName = JsonEncodedText.Encode("muscle");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText SideName = JsonEncodedText.Encode("side");
    private static readonly JsonEncodedText Score = JsonEncodedText.Encode("score");
    private static readonly JsonEncodedText Explains = JsonEncodedText.Encode("explains");
    private static readonly JsonEncodedText RegionName = JsonEncodedText.Encode("region");
    private static readonly JsonEncodedText Zone = JsonEncodedText.Encode("zone");
    private static readonly JsonEncodedText TriggerPoints = JsonEncodedText.Encode("triggerPoints");
    private static readonly JsonEncodedText ContextName = JsonEncodedText.Encode("context");
    private static readonly JsonEncodedText Cover = JsonEncodedText.Encode("cover");
    private static readonly JsonEncodedText Unexplained = JsonEncodedText.Encode("unexplained");
    private static readonly JsonEncodedText DisclaimerName = JsonEncodedText.Encode("disclaimer");
    private static readonly JsonEncodedText Disclaimer = JsonEncodedText.Encode(FinderContract.Disclaimer);
    private static readonly JsonEncodedText Essential = JsonEncodedText.Encode("essential");
    private static readonly JsonEncodedText Spillover = JsonEncodedText.Encode("spillover");
    private static readonly JsonEncodedText[] Sides = [JsonEncodedText.Encode("left"), JsonEncodedText.Encode("right"), JsonEncodedText.Encode("both")];

    private readonly JsonEncodedText[] _regions;
    private readonly JsonEncodedText[] _muscleSlugs;
    private readonly JsonEncodedText[] _muscleNames;
    private readonly JsonEncodedText[][] _points;
    private readonly FrozenDictionary<string, JsonEncodedText> _text;

    /// <summary>Encodes every identifier and name of <paramref name="kb"/> once.</summary>
    public FinderJsonWriter(KnowledgeBase kb)
    {
        ArgumentNullException.ThrowIfNull(kb);
        _regions = kb.Regions.All.Select(r => JsonEncodedText.Encode(r.Id.Value)).ToArray();
        _muscleSlugs = kb.Muscles.Select(m => JsonEncodedText.Encode(m.Slug)).ToArray();
        _muscleNames = kb.Muscles.Select(m => JsonEncodedText.Encode(m.Name)).ToArray();
        _points = kb.Muscles.Select(m => m.TriggerPoints.Select(p => JsonEncodedText.Encode(p.FullId)).ToArray()).ToArray();
        _text = ContextFactor.All.Select(f => f.Key)
            .Concat(RedFlagScreen.Definitions.SelectMany(d => new[] { d.Code, d.Title, d.Advice, d.Source }))
            .Concat(SafetyQuestions.All.SelectMany(q => new[] { q.Key, q.Text, q.Source }))
            .Distinct(StringComparer.Ordinal)
            .ToFrozenDictionary(t => t, t => JsonEncodedText.Encode(t), StringComparer.Ordinal);
    }

    /// <summary>Writes <paramref name="result"/> as one JSON object, echoing <paramref name="id"/>.</summary>
    public void Write(Utf8JsonWriter writer, FinderResult result, JsonElement? id = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteStartObject();
        writer.WritePropertyName(Id);
        if (id is { } value)
        {
            value.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WriteStartArray(RegionsName);
        foreach (var region in result.Regions)
        {
            writer.WriteStringValue(_regions[region.Index]);
        }

        writer.WriteEndArray();

        writer.WriteStartArray(RedFlags);
        foreach (var flag in result.RedFlags)
        {
            writer.WriteStartObject();
            writer.WriteString(Code, Encoded(flag.Code));
            writer.WriteString(Title, Encoded(flag.Title));
            writer.WriteString(Advice, Encoded(flag.Advice));
            writer.WriteStartArray(RegionsName);
            foreach (var region in flag.Regions)
            {
                writer.WriteStringValue(_regions[region.Index]);
            }

            writer.WriteEndArray();
            writer.WriteString(UrgencyName, Urgencies[(int)flag.Urgency]);
            writer.WriteStartArray(Because);
            foreach (var question in flag.Because)
            {
                writer.WriteStringValue(Encoded(question.Key));
            }

            writer.WriteEndArray();
            writer.WriteString(SourceName, Encoded(flag.Source));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WriteStartArray(Questions);
        foreach (var asked in result.Questions)
        {
            writer.WriteStartObject();
            writer.WriteString(Key, Encoded(asked.Question.Key));
            writer.WriteString(Text, Encoded(asked.Question.Text));
            writer.WriteString(Flag, Encoded(asked.Question.Flag));
            if (asked.Answer is { } answer)
            {
                writer.WriteString(AnswerName, Answers[answer ? 1 : 0]);
            }
            else
            {
                writer.WriteNull(AnswerName);
            }

            writer.WriteString(UrgencyName, Urgencies[(int)asked.Question.IfYes]);
            writer.WriteString(SourceName, Encoded(asked.Question.Source));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WriteStartArray(Candidates);
        foreach (var c in result.Candidates)
        {
            writer.WriteStartObject();
            writer.WriteNumber(Rank, c.Rank);
            writer.WriteString(MuscleName, _muscleSlugs[c.Muscle.Index]);
            writer.WriteString(Name, _muscleNames[c.Muscle.Index]);
            writer.WriteString(SideName, Sides[(int)c.Side]);
            writer.WriteNumber(Score, Math.Round(c.Score, 3));
            writer.WriteStartArray(Explains);
            foreach (var e in c.Explains)
            {
                writer.WriteStartObject();
                writer.WriteString(RegionName, _regions[e.Region.Index]);
                writer.WriteString(Zone, e.Zone == ZoneKind.Essential ? Essential : Spillover);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray(TriggerPoints);
            foreach (var point in c.TriggerPoints)
            {
                writer.WriteStringValue(_points[c.Muscle.Index][point.Ordinal]);
            }

            writer.WriteEndArray();
            WriteContext(writer, c.ContextMatches);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WriteStartArray(Cover);
        foreach (var entry in result.Cover)
        {
            writer.WriteStartObject();
            writer.WriteString(MuscleName, _muscleSlugs[entry.Muscle.Index]);
            writer.WriteString(SideName, Sides[(int)entry.Side]);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WriteStartArray(Unexplained);
        foreach (var region in result.Unexplained)
        {
            writer.WriteStringValue(_regions[region.Index]);
        }

        writer.WriteEndArray();
        WriteContext(writer, result.Context);
        writer.WriteString(DisclaimerName, Disclaimer);
        writer.WriteEndObject();
    }

    private void WriteContext(Utf8JsonWriter writer, IReadOnlyList<ContextFactor> factors)
    {
        writer.WriteStartArray(ContextName);
        foreach (var factor in factors)
        {
            writer.WriteStringValue(Encoded(factor.Key));
        }

        writer.WriteEndArray();
    }

    // Context keys, red-flag and question texts are known constants, encoded up front.
    private JsonEncodedText Encoded(string text) =>
        _text.TryGetValue(text, out var encoded) ? encoded : JsonEncodedText.Encode(text);
}
