using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace KubeRpc.FunctionalTests.Hostile.Fuzzing;

/// <summary>
/// Changes one field anywhere in a request, through the message's descriptor, so every field of every RPC (and of the
/// objects it carries: ports, selectors, labels, statuses, timestamps) is reached without a case written for it.
/// </summary>
internal sealed class MessageMutator(HostileValues values)
{
    private const int MaxDepth = 8;

    /// <summary>Where field values come from; the fuzzer adds this cluster's page tokens and versions.</summary>
    public HostileValues Values => values;

    public void Mutate(IMessage message, Random r) => MutateField(message, r, 0);

    private void MutateField(IMessage message, Random r, int depth)
    {
        var fields = message.Descriptor.Fields.InDeclarationOrder();
        var field = fields[r.Next(fields.Count)];
        if (r.Next(12) == 0)
        {
            field.Accessor.Clear(message);
            return;
        }
        if (field.IsMap)
        {
            MutateMap((IDictionary)field.Accessor.GetValue(message), field.MessageType, r);
        }
        else if (field.IsRepeated)
        {
            MutateList((IList)field.Accessor.GetValue(message), field, r, depth);
        }
        else if (field.FieldType is FieldType.Message or FieldType.Group)
        {
            var inner = (IMessage?)field.Accessor.GetValue(message);
            if (inner is null)
            {
                inner = New(field.MessageType);
                field.Accessor.SetValue(message, inner);
            }
            if (depth < MaxDepth)
            {
                MutateField(inner, r, depth + 1);
            }
        }
        else
        {
            field.Accessor.SetValue(message, Scalar(field, r, field.Accessor.GetValue(message)));
        }
    }

    private void MutateMap(IDictionary map, MessageDescriptor entry, Random r)
    {
        var valueField = entry.FindFieldByNumber(2);
        var count = r.Next(10) == 0 ? HostileValues.Pick(r, [100, 1000, 20_000]) : 1;
        for (var i = 0; i < count; i++)
        {
            // Many entries are short ones, so the request stays within what protobuf can encode (2 GiB).
            var key = count > 1 ? $"k{i}" : values.LabelKey(r);
            map[key] = count > 1 && valueField.FieldType == FieldType.String ? "v"
                : valueField.FieldType == FieldType.String ? values.String("value", r) : Scalar(valueField, r, null);
        }
    }

    private void MutateList(IList list, FieldDescriptor field, Random r, int depth)
    {
        var isMessage = field.FieldType is FieldType.Message or FieldType.Group;
        if (isMessage && list.Count > 0 && r.Next(3) != 0)
        {
            if (depth < MaxDepth)
            {
                MutateField((IMessage)list[r.Next(list.Count)]!, r, depth + 1);
            }
            return;
        }
        // Many copies now and then: thousands of ports, addresses or rules.
        var count = r.Next(10) == 0 ? HostileValues.Pick(r, [100, 1000, 10_000]) : 1;
        for (var i = 0; i < count; i++)
        {
            if (isMessage)
            {
                var item = New(field.MessageType);
                if (depth < MaxDepth && i == 0)
                {
                    MutateField(item, r, depth + 1);
                }
                list.Add(item);
            }
            else
            {
                list.Add(i > 0 && field.FieldType == FieldType.String ? $"x{i}" : Scalar(field, r, null));
            }
        }
    }

    private object Scalar(FieldDescriptor field, Random r, object? current) => field.FieldType switch
    {
        FieldType.String => values.String(field.Name, r),
        FieldType.Bool => current is bool b ? !b : r.Next(2) == 0,
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => values.Int32(r),
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => values.Int64(r),
        FieldType.UInt32 or FieldType.Fixed32 => unchecked((uint)values.Int32(r)),
        FieldType.UInt64 or FieldType.Fixed64 => unchecked((ulong)values.Int64(r)),
        FieldType.Double => HostileValues.Pick(r, [double.NaN, double.PositiveInfinity, -0.0, 1e308]),
        FieldType.Float => HostileValues.Pick(r, [float.NaN, float.NegativeInfinity, -0.0f, 3e38f]),
        FieldType.Bytes => ByteString.CopyFrom(Enumerable.Range(0, r.Next(64)).Select(_ => (byte)r.Next(256)).ToArray()),
        FieldType.Enum => System.Enum.ToObject(field.EnumType.ClrType, values.Enum(field.EnumType, r)),
        _ => throw new NotSupportedException(field.FieldType.ToString()),
    };

    private static IMessage New(MessageDescriptor type) => type.Parser.ParseFrom(ByteString.Empty);
}
