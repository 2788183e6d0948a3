using Kaijiang.Federation.Web.Domain;

namespace Kaijiang.Federation.UnitTests.Domain;

public class ResidentIdNumberTests
{
    [Theory]
    [InlineData("11010519491231002X")] // the standard's own example
    [InlineData("11010519491231002x")]
    [InlineData("511723198503120021")]
    [InlineData("511723200002290049")] // 29 February of a leap year
    public void A_well_formed_number_is_valid(string number)
    {
        Assert.Equal(ResidentIdProblem.None, ResidentIdNumber.Check(number));
        Assert.True(ResidentIdNumber.IsValid(number));
    }

    [Theory]
    [InlineData(null, ResidentIdProblem.Missing)]
    [InlineData("", ResidentIdProblem.Missing)]
    [InlineData("   ", ResidentIdProblem.Missing)]
    [InlineData("51172319850312002", ResidentIdProblem.WrongLength)]
    [InlineData("5117231985031200211", ResidentIdProblem.WrongLength)]
    [InlineData("51172319850312A021", ResidentIdProblem.InvalidCharacters)]
    [InlineData("5117231985031200２1", ResidentIdProblem.InvalidCharacters)] // a full-width digit
    [InlineData("51172319850312002Y", ResidentIdProblem.InvalidCharacters)]
    [InlineData("511723198502300021", ResidentIdProblem.InvalidBirthDate)] // 30 February
    [InlineData("511723199002290021", ResidentIdProblem.InvalidBirthDate)] // 1990 is no leap year
    [InlineData("511723180001010014", ResidentIdProblem.InvalidBirthDate)] // before 1900
    [InlineData("511723198503120022", ResidentIdProblem.WrongCheckDigit)]
    [InlineData("110105194912310021", ResidentIdProblem.WrongCheckDigit)]
    public void A_wrong_number_is_rejected_with_its_reason(string? number, ResidentIdProblem expected)
    {
        Assert.Equal(expected, ResidentIdNumber.Check(number));
        Assert.False(ResidentIdNumber.IsValid(number));
    }

    [Fact]
    public void A_birth_date_after_today_is_rejected_when_today_is_given()
    {
        var number = ResidentIdNumber.Create("511723", new DateOnly(2030, 1, 1), 2);

        Assert.Equal(ResidentIdProblem.None, ResidentIdNumber.Check(number));
        Assert.Equal(ResidentIdProblem.InvalidBirthDate, ResidentIdNumber.Check(number, today: new DateOnly(2026, 11, 29)));
    }

    [Theory]
    [InlineData("11010519491231002", 'X')]
    [InlineData("51172319850312002", '1')]
    [InlineData("44052418800101001", '4')]
    [InlineData("51172319900101123", '3')]
    public void The_check_digit_is_iso_7064_mod_11_2(string first17, char expected) =>
        Assert.Equal(expected, ResidentIdNumber.CheckDigit(first17));

    [Fact]
    public void Create_builds_a_valid_number_that_carries_birth_date_and_sex()
    {
        var birth = new DateOnly(1987, 6, 15);

        var woman = ResidentIdNumber.Create("511723", birth, 124);
        var man = ResidentIdNumber.Create("511723", birth, 125);

        Assert.Equal("51172319870615124", woman[..17]);
        Assert.True(ResidentIdNumber.IsValid(woman));
        Assert.True(ResidentIdNumber.IsValid(man));
        Assert.Equal(birth, ResidentIdNumber.BirthDateOf(woman));
        Assert.Equal(Sex.Female, ResidentIdNumber.SexOf(woman));
        Assert.Equal(Sex.Male, ResidentIdNumber.SexOf(man));
    }

    [Theory]
    [InlineData("5117231", 1)]
    [InlineData("51172A", 1)]
    public void Create_rejects_a_bad_region_code(string region, int sequence) =>
        Assert.Throws<ArgumentException>(() => ResidentIdNumber.Create(region, new DateOnly(1990, 1, 1), sequence));

    [Fact]
    public void Create_rejects_a_sequence_beyond_three_digits() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ResidentIdNumber.Create("511723", new DateOnly(1990, 1, 1), 1000));

    [Fact]
    public void Normalise_trims_and_upper_cases_the_final_x() =>
        Assert.Equal("11010519491231002X", ResidentIdNumber.Normalise(" 11010519491231002x "));

    [Theory]
    [InlineData("51172319850312123X", "5117**********123X")]
    [InlineData("511723198503120021", "5117**********0021")]
    [InlineData("1234567", "*******")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Mask_shows_the_first_and_last_four_characters(string? number, string expected) =>
        Assert.Equal(expected, ResidentIdNumber.Mask(number));
}
