using Kaijiang.Federation.Web.Domain;

namespace Kaijiang.Federation.UnitTests.Domain;

public class MobilePhoneTests
{
    [Theory]
    [InlineData("13812345678")]
    [InlineData("15908181234")]
    [InlineData("19912345678")]
    public void A_mainland_mobile_number_is_valid(string number) => Assert.True(MobilePhone.IsValid(number));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12812345678")] // second digit 2
    [InlineData("10812345678")]
    [InlineData("1381234567")]  // ten digits
    [InlineData("138123456789")]
    [InlineData("23812345678")]
    [InlineData("138 1234 5678")]
    [InlineData("+8613812345678")]
    [InlineData("1381234567８")] // a full-width digit
    public void Anything_else_is_not(string? number) => Assert.False(MobilePhone.IsValid(number));

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("1234567", "*******")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Mask_shows_the_first_three_and_last_four_digits(string? number, string expected) =>
        Assert.Equal(expected, MobilePhone.Mask(number));
}
