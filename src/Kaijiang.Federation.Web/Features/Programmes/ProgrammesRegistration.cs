using Kaijiang.Federation.Web.Features.Bases;
using Kaijiang.Federation.Web.Features.Experts;
using Kaijiang.Federation.Web.Features.Grants;
using Kaijiang.Federation.Web.Features.JobFairs;
using Kaijiang.Federation.Web.Features.Loans;
using Kaijiang.Federation.Web.Features.Projects;
using Kaijiang.Federation.Web.Features.Trainings;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kaijiang.Federation.Web.Features.Programmes;

public static class ProgrammesRegistration
{
    /// <summary>Loans, grants, bases, projects, trainings, experts and job fairs, and their figures.</summary>
    public static IServiceCollection AddProgrammeRegisters(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddScoped<Registers.RegisterLookups>(); // RegisterQueries narrows by township through it
        return services
        .Configure<LoanOptions>(configuration.GetSection(LoanOptions.Section))
        .AddScoped<RegisterQueries>()
        .AddScoped<RegisterExport>()
        .AddScoped<PersonLookup>()
        .AddScoped<RegisterServices>()
        .AddScoped<RegisterFormKit>()
        .AddScoped<ListLoans>()
        .AddScoped<LoanDetails>()
        .AddScoped<LoanForm>()
        .AddScoped<RecordRepayment>()
        .AddScoped<WriteOffLoan>()
        .AddScoped<SubsidyClaim>()
        .AddScoped<LoanFigures>()
        .AddScoped<ListGrants>()
        .AddScoped<GrantForm>()
        .AddScoped<ListBases>()
        .AddScoped<BaseForm>()
        .AddScoped<ListProjects>()
        .AddScoped<ProjectForm>()
        .AddScoped<ListTrainings>()
        .AddScoped<TrainingForm>()
        .AddScoped<ListExperts>()
        .AddScoped<ExpertForm>()
        .AddScoped<ListJobFairs>()
        .AddScoped<JobFairForm>()
        .AddScoped<ProgrammeFigures>()
        .AddScoped<Outreach.OutreachLists>();
    }
}
