using k8s;
using k8s.Models;

namespace KubeRpc.Emulator.Printing;

/// <summary>
/// kube-apiserver's Table for <c>ingressclasses</c> (printers.go <c>printIngressClass</c>): Name, Controller,
/// Parameters, Age. 1.32 does not yet mark the default class in the Name cell.
/// </summary>
public sealed class IngressClassPrinter : ITablePrinter
{
    private static readonly TableColumn[] ColumnList =
    [
        PrinterCells.NameColumn,
        new("Controller", "string", "", ColumnDescriptions.IngressClassController, 0),
        new("Parameters", "string", "", ColumnDescriptions.IngressClassParameters, 0),
        PrinterCells.AgeColumn,
    ];

    /// <inheritdoc />
    public IReadOnlyList<TableColumn> Columns => ColumnList;

    /// <inheritdoc />
    public IReadOnlyList<object?> Cells(IKubernetesObject<V1ObjectMeta> obj, DateTime now)
    {
        var ingressClass = PrinterCells.As<V1IngressClass>(obj);
        return
        [
            PrinterCells.Name(ingressClass),
            ingressClass.Spec?.Controller ?? "",
            Parameters(ingressClass.Spec?.Parameters),
            PrinterCells.Age(ingressClass, now),
        ];
    }

    /// <summary><c>Kind[.apiGroup]/name</c>, or <c>&lt;none&gt;</c>; a set but empty apiGroup still adds the dot.</summary>
    internal static string Parameters(V1IngressClassParametersReference? parameters)
    {
        if (parameters is null)
        {
            return "<none>";
        }
        var text = parameters.Kind ?? "";
        if (parameters.ApiGroup is not null)
        {
            text += "." + parameters.ApiGroup;
        }
        return text + "/" + parameters.Name;
    }
}
