using KubeRpc.Emulator.Patching;

namespace KubeRpc.Emulator.Tests.Patching;

/// <summary>
/// Cases from apimachinery's strategicpatch test table (the three-way patch applied to the current object),
/// restated in JSON over a schema shaped like its test struct: <c>mergingList</c> merges by <c>name</c>,
/// <c>mergingIntList</c> is a merged list of primitives, anything else has no strategy.
/// </summary>
public class StrategicMergePatchFixtureTests
{
    private static readonly PatchSchema Schema = PatchSchema.Create("MergeItem", Item(depth: 3));

    private static PatchSchemaNode Item(int depth) => depth == 0
        ? PatchSchemaNode.Default
        : new PatchSchemaNode(
            ("mergingList", new PatchSchemaNode { MergeList = true, MergeKey = "name", Items = Item(depth - 1) }),
            ("mergingIntList", new PatchSchemaNode { MergeList = true }));

    [Theory]
    [InlineData( // nested patch merge with empty list
        """{"name":"hi","mergingList":[{"name":"hello2"}]}""",
        """{"$setElementOrder/mergingList":[{"name":"hello"},{"name":"doesntexist"}],"mergingList":[{"name":"hello"}]}""",
        """{"name":"hi","mergingList":[{"name":"hello"},{"name":"hello2"}]}""")]
    [InlineData( // merge lists of maps
        """{"mergingList":[{"name":1,"other":"a"},{"name":2,"value":2,"other":"b"}]}""",
        """{"$setElementOrder/mergingList":[{"name":4},{"name":1},{"name":2},{"name":3}],"mergingList":[{"name":4,"value":4},{"name":3,"value":3}]}""",
        """{"mergingList":[{"name":4,"value":4},{"name":1,"other":"a"},{"name":2,"value":2,"other":"b"},{"name":3,"value":3}]}""")]
    [InlineData( // add field to map in merging list with conflict
        """{"mergingList":[{"name":1,"other":"a"},{"name":3,"value":2,"other":"b"}]}""",
        """{"$setElementOrder/mergingList":[{"name":1},{"name":2}],"mergingList":[{"name":1,"value":1},{"name":2,"value":2}]}""",
        """{"mergingList":[{"name":1,"value":1,"other":"a"},{"name":2,"value":2},{"name":3,"value":2,"other":"b"}]}""")]
    [InlineData( // delete missing map from merging list with conflict
        """{"mergingList":[{"name":3,"other":"a"}]}""",
        """{"$setElementOrder/mergingList":[{"name":2}],"mergingList":[{"name":2},{"name":1,"$patch":"delete"}]}""",
        """{"mergingList":[{"name":2},{"name":3,"other":"a"}]}""")]
    [InlineData( // add map and delete map from merging list
        """{"mergingList":[{"name":1},{"name":2,"other":"b"},{"name":4,"other":"c"}]}""",
        """{"$setElementOrder/mergingList":[{"name":2},{"name":3}],"mergingList":[{"name":3},{"name":1,"$patch":"delete"}]}""",
        """{"mergingList":[{"name":2,"other":"b"},{"name":4,"other":"c"},{"name":3}]}""")]
    [InlineData( // add map and delete map from merging list with conflict
        """{"mergingList":[{"name":1,"other":"a"},{"name":4,"other":"c"}]}""",
        """{"$setElementOrder/mergingList":[{"name":2},{"name":3}],"mergingList":[{"name":2},{"name":3},{"name":1,"$patch":"delete"}]}""",
        """{"mergingList":[{"name":4,"other":"c"},{"name":2},{"name":3}]}""")]
    [InlineData( // add and delete an item in a list and preserve order
        """{"mergingList":[{"name":1,"other":"a"},{"name":2,"value":2,"other":"b"},{"name":3,"value":3}]}""",
        """{"$setElementOrder/mergingList":[{"name":4},{"name":2},{"name":1}],"mergingList":[{"name":4,"value":4},{"name":3,"$patch":"delete"}]}""",
        """{"mergingList":[{"name":4,"value":4},{"name":2,"value":2,"other":"b"},{"name":1,"other":"a"}]}""")]
    [InlineData( // set elements order in a list with server-only items 3
        """{"mergingList":[{"name":1,"other":"a"},{"name":2,"value":2},{"name":7},{"name":9},{"name":8},{"name":3,"value":3},{"name":4,"value":4}]}""",
        """{"$setElementOrder/mergingList":[{"name":2},{"name":1},{"name":4},{"name":3}]}""",
        """{"mergingList":[{"name":2,"value":2},{"name":1,"other":"a"},{"name":7},{"name":9},{"name":8},{"name":4,"value":4},{"name":3,"value":3}]}""")]
    [InlineData( // add field to map in merging list nested in merging list with deletion conflict
        """{"mergingList":[{"name":1,"other":"a","mergingList":[{"name":2,"value":2,"other":"d"}]},{"name":2,"other":"b"}]}""",
        """{"$setElementOrder/mergingList":[{"name":1},{"name":2}],"mergingList":[{"$setElementOrder/mergingList":[{"name":2},{"name":1}],"name":1,"mergingList":[{"name":1,"value":1}]}]}""",
        """{"mergingList":[{"name":1,"other":"a","mergingList":[{"name":2,"value":2,"other":"d"},{"name":1,"value":1}]},{"name":2,"other":"b"}]}""")]
    [InlineData( // merge lists of scalars
        """{"mergingIntList":[1,2,4]}""",
        """{"$setElementOrder/mergingIntList":[1,2,3],"mergingIntList":[3]}""",
        """{"mergingIntList":[1,2,3,4]}""")]
    [InlineData( // add an item in a list of primitives and preserve order
        """{"mergingIntList":[1,4,2]}""",
        """{"$setElementOrder/mergingIntList":[3,1,2],"mergingIntList":[3]}""",
        """{"mergingIntList":[3,1,4,2]}""")]
    [InlineData( // delete items in lists of scalars
        """{"mergingIntList":[1,2,3,4]}""",
        """{"$setElementOrder/mergingIntList":[1,2],"$deleteFromPrimitiveList/mergingIntList":[3]}""",
        """{"mergingIntList":[1,2,4]}""")]
    [InlineData( // behavior of set element order for a merging int list with duplicate
        """{"mergingIntList":[1,2,3,2,4]}""",
        """{"$setElementOrder/mergingIntList":[2,1,4,3,2]}""",
        """{"mergingIntList":[2,2,1,4,3]}""")]
    [InlineData( // retainKeys map adds a field and clear a field
        """{"retainKeysMap":{"name":"foo","other":"a"}}""",
        """{"retainKeysMap":{"$retainKeys":["name","value"],"value":"bar"}}""",
        """{"retainKeysMap":{"name":"foo","value":"bar"}}""")]
    [InlineData( // retainKeys map deletes a field in a nested map
        """{"retainKeysMap":{"name":"foo","value":"bar","simpleMap":{"key1":"a","key2":"b","key3":"c"}}}""",
        """{"retainKeysMap":{"$retainKeys":["name","simpleMap","value"],"simpleMap":{"key2":null}}}""",
        """{"retainKeysMap":{"name":"foo","value":"bar","simpleMap":{"key1":"a","key3":"c"}}}""")]
    public void Apply_ApimachineryCase_ProducesItsResult(string current, string patch, string result) =>
        Json.Equal(result, StrategicMergePatch.Apply(Json.Parse(current), Json.Parse(patch), Schema));
}
