using System.Text;

namespace Knotwork.Domain.Booking.Calendar;

/// <summary>
/// Writes RFC 5545 content lines: <c>NAME;PARAM=value:value</c>, escaped, folded at 75 octets of UTF-8 (never inside
/// a character), each ended by CRLF.
/// </summary>
internal sealed class ContentLines
{
    /// <summary>RFC 5545 3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break.</summary>
    internal const int MaxOctets = 75;

    private readonly StringBuilder text = new();

    /// <summary>Writes a line whose value is already in iCalendar form (a date, a number, a keyword).</summary>
    public void Raw(string name, string value) => Fold(name + ":" + value);

    /// <summary>Writes a line with one parameter, e.g. <c>DTSTART;TZID=America/Los_Angeles:20270314T090000</c>.</summary>
    public void Raw(string name, string parameter, string parameterValue, string value) =>
        Fold(name + ";" + parameter + "=" + ParameterValue(parameterValue) + ":" + value);

    /// <summary>Writes a TEXT line, escaping backslashes, semicolons, commas and line breaks.</summary>
    public void Text(string name, string value) => Fold(name + ":" + EscapeText(value));

    public override string ToString() => text.ToString();

    /// <summary>RFC 5545 3.3.11: <c>\</c> <c>;</c> <c>,</c> are escaped with a backslash, any line break becomes <c>\n</c>; other control characters are dropped.</summary>
    internal static string EscapeText(string value)
    {
        var escaped = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\': escaped.Append(@"\\"); break;
                case ';': escaped.Append(@"\;"); break;
                case ',': escaped.Append(@"\,"); break;
                case '\r':
                    escaped.Append(@"\n");
                    if (i + 1 < value.Length && value[i + 1] == '\n')
                        i++;
                    break;
                case '\n': escaped.Append(@"\n"); break;
                case '\t': escaped.Append(c); break;
                default:
                    if (!char.IsControl(c))
                        escaped.Append(c);
                    break;
            }
        }

        return escaped.ToString();
    }

    /// <summary>RFC 5545 3.2: a parameter value is quoted when it holds <c>:</c> <c>;</c> or <c>,</c>; it cannot hold a double quote or control characters, so those are dropped.</summary>
    internal static string ParameterValue(string value)
    {
        var clean = new string([.. value.Where(c => c != '"' && !char.IsControl(c))]);
        return clean.AsSpan().IndexOfAny(":;,") >= 0 ? "\"" + clean + "\"" : clean;
    }

    private void Fold(string line)
    {
        // The first line holds 75 octets; each continuation starts with a space, which counts, leaving 74.
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > MaxOctets)
            {
                text.Append("\r\n ");
                octets = 1;
            }

            text.Append(rune.ToString());
            octets += size;
        }

        text.Append("\r\n");
    }
}
