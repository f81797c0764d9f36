package random

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

type stringResource struct{}

func newStringResource() resource.Resource { return &stringResource{} }

// stringModel mirrors random_string's attributes.
type stringModel struct {
	ID              types.String `tfsdk:"id"`
	Result          types.String `tfsdk:"result"`
	Keepers         types.Map    `tfsdk:"keepers"`
	Length          types.Int64  `tfsdk:"length"`
	Special         types.Bool   `tfsdk:"special"`
	Upper           types.Bool   `tfsdk:"upper"`
	Lower           types.Bool   `tfsdk:"lower"`
	Number          types.Bool   `tfsdk:"number"`
	Numeric         types.Bool   `tfsdk:"numeric"`
	MinNumeric      types.Int64  `tfsdk:"min_numeric"`
	MinUpper        types.Int64  `tfsdk:"min_upper"`
	MinLower        types.Int64  `tfsdk:"min_lower"`
	MinSpecial      types.Int64  `tfsdk:"min_special"`
	OverrideSpecial types.String `tfsdk:"override_special"`
}

func (r *stringResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_string"
}

func (r *stringResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replaceBool := []planmodifier.Bool{boolplanmodifier.RequiresReplace()}
	replaceInt := []planmodifier.Int64{int64planmodifier.RequiresReplace()}
	flag := func(desc string) schema.BoolAttribute {
		return schema.BoolAttribute{Description: desc, Optional: true, Computed: true,
			Default: booldefault.StaticBool(true), PlanModifiers: replaceBool}
	}
	minimum := func(desc string) schema.Int64Attribute {
		return schema.Int64Attribute{Description: desc, Optional: true, Computed: true,
			Default: int64default.StaticInt64(0), PlanModifiers: replaceInt}
	}
	resp.Schema = schema.Schema{
		// Version 2 is random_string's schema version in hashicorp/random 3.x,
		// so state written here reads the same in the real provider.
		Version:     2,
		Description: "A random string, fixed until an argument (or a keeper) changes.",
		Attributes: map[string]schema.Attribute{
			"keepers": schema.MapAttribute{
				Description: "Values whose change replaces the string.", ElementType: types.StringType, Optional: true,
				PlanModifiers: []planmodifier.Map{mapplanmodifier.RequiresReplace()},
			},
			"length": schema.Int64Attribute{
				Description: "Length of the string.", Required: true, PlanModifiers: replaceInt,
			},
			"special":     flag("Include special characters."),
			"upper":       flag("Include uppercase letters."),
			"lower":       flag("Include lowercase letters."),
			"min_numeric": minimum("Minimum number of digits."),
			"min_upper":   minimum("Minimum number of uppercase letters."),
			"min_lower":   minimum("Minimum number of lowercase letters."),
			"min_special": minimum("Minimum number of special characters."),
			// numeric and its deprecated alias number always agree; ModifyPlan
			// settles both from whichever the configuration sets.
			"numeric": schema.BoolAttribute{Description: "Include digits.", Optional: true, Computed: true,
				PlanModifiers: replaceBool},
			"number": schema.BoolAttribute{Description: "Include digits.", Optional: true, Computed: true,
				DeprecationMessage: "Use numeric instead.", PlanModifiers: replaceBool},
			"override_special": schema.StringAttribute{
				Description: "Special characters to use instead of the default set.", Optional: true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"result": schema.StringAttribute{Description: "The generated string.", Computed: true, Sensitive: false,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"id": schema.StringAttribute{Description: "The generated string.", Computed: true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
		},
	}
}

// ModifyPlan settles numeric and number: an explicit false in either wins.
func (r *stringResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	var cfg, plan stringModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	numeric := true
	for _, v := range []types.Bool{cfg.Numeric, cfg.Number} {
		if !v.IsNull() && !v.IsUnknown() && !v.ValueBool() {
			numeric = false
		}
	}
	plan.Numeric, plan.Number = types.BoolValue(numeric), types.BoolValue(numeric)
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

func (r *stringResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m stringModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	spec := StringSpec{
		Length: m.Length.ValueInt64(), Lower: m.Lower.ValueBool(), Upper: m.Upper.ValueBool(),
		Numeric: m.Numeric.ValueBool(), Special: m.Special.ValueBool(),
		MinLower: m.MinLower.ValueInt64(), MinUpper: m.MinUpper.ValueInt64(),
		MinNumeric: m.MinNumeric.ValueInt64(), MinSpecial: m.MinSpecial.ValueInt64(),
	}
	if !m.OverrideSpecial.IsNull() {
		s := m.OverrideSpecial.ValueString()
		spec.OverrideSpecial = &s
	}
	result, err := Generate(spec)
	if err != nil {
		resp.Diagnostics.AddError("random_string: cannot generate", err.Error())
		return
	}
	m.Result, m.ID = types.StringValue(result), types.StringValue(result)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// Read keeps the state: the string exists only in state.
func (r *stringResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

// Update is reached only when nothing that matters changed (every argument
// forces replacement): carry the result over.
func (r *stringResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state stringModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	plan.Result, plan.ID = state.Result, state.ID
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *stringResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}
