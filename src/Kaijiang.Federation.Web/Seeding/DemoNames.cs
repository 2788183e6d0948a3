using System.Text;

namespace Kaijiang.Federation.Web.Seeding;

/// <summary>The tables the demo county draws its invented names and texts from.</summary>
internal static class DemoNames
{
    public static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
        "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "蒋", "蔡", "余",
        "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "钟", "谭", "汪", "范", "廖", "贾", "付", "邹",
        "熊", "秦", "江", "雷", "侯", "龙", "陶", "贺", "毛", "龚", "万", "向", "严", "文", "易", "蒲", "冉", "伍", "甘", "税",
    ];

    public static readonly string[] FemaleGivenNames =
    [
        "秀英", "桂英", "秀兰", "玉兰", "桂兰", "秀珍", "凤英", "玉梅", "淑珍", "丽", "敏", "静", "燕", "艳", "娟", "霞", "芳",
        "琴", "萍", "红", "玲", "英", "华", "慧", "丽华", "晓燕", "海燕", "红梅", "春梅", "冬梅", "雪梅", "小红", "小琴", "丽娟",
        "丽萍", "雪", "婷", "倩", "颖", "欣", "悦", "佳", "蕾", "莉", "丹", "晶", "洁", "琳", "媛", "婧", "思雨", "雨涵", "欣怡",
        "诗琪", "佳怡", "雅琴", "淑华", "德珍", "明英", "光碧", "翠兰", "素芳", "永碧", "开秀", "春燕", "小燕", "国琼", "德琼",
        "成芬", "世英", "小蓉", "晓琴", "秋菊", "月华", "文静", "玉容", "家琼", "建英", "兴碧", "大秀",
    ];

    public static readonly string[] MaleGivenNames =
    [
        "建国", "志强", "明", "伟", "军", "勇", "杰", "涛", "斌", "刚", "平", "辉", "强", "磊", "洋", "超", "华", "林", "波",
        "德明", "国华", "永红", "光明", "大成", "世华", "开福", "兴文", "家富", "成军", "小平", "正林", "德军", "仕林",
    ];

    /// <summary>First syllables of invented village names.</summary>
    public static readonly string[] VillageFirst =
    [
        "石", "柏", "金", "青", "红", "白", "黄", "龙", "凤", "马", "桂", "杨", "柳", "松", "竹", "梨", "桃", "花", "玉", "银",
        "铁", "高", "双", "三", "五", "七", "九", "新", "太", "永", "明", "东", "西", "南", "北", "中", "上", "下", "大", "小",
        "万", "福", "安", "和", "平", "兴", "宝", "清", "田", "水", "团", "联", "光", "胜", "利", "民", "丰", "顺", "合", "复",
        "鹿", "鹤", "燕", "茶",
    ];

    /// <summary>Second syllables: landforms and landmarks, as Sichuan village names have them.</summary>
    public static readonly string[] VillageSecond =
    [
        "桥", "林", "山", "湾", "坝", "坪", "岭", "沟", "垭", "庙", "寺", "塘", "河", "溪", "泉", "井", "园", "峰", "岩", "田",
        "门", "台", "坡", "堡", "口", "嘴", "梁", "寨", "院", "滩", "槽", "坎",
    ];

    /// <summary>The communities of the county seat; the first is the pilot 建设社区.</summary>
    public static readonly string[] SeatCommunities =
    [
        "建设", "东门", "西街", "南街", "北街", "滨河", "文化", "新华", "城南", "城北", "桂花", "明月", "光明", "解放", "和平",
        "幸福", "民主", "书院", "人民路", "阳光", "春晖",
    ];

    /// <summary>The 23 units that jointly built the Jianshe Community federation.</summary>
    public static readonly string[] JiansheUnits =
    [
        "开江县人民医院", "开江县中医院", "开江县妇幼保健院", "建设路小学", "开江县实验幼儿园", "开江中学", "开江县邮政分公司",
        "中国农业银行开江县支行", "开江农村商业银行建设路支行", "国网开江县供电公司", "开江县自来水公司", "中国移动开江分公司",
        "中国电信开江分公司", "开江县人民法院", "开江县人民检察院", "新宁派出所", "开江县市场监督管理局", "开江县税务局",
        "开江县图书馆", "开江县文化馆", "开江县宏达商贸有限公司", "开江县新华书店", "锦绣家园小区物业服务中心",
    ];

    public static readonly string[] EnterpriseBrands =
    [
        "宏发", "金源", "华丰", "鑫达", "恒通", "瑞祥", "永丰", "盛世", "佳禾", "绿源", "明珠", "天宇", "博远", "川东", "兴隆",
        "富民", "丰泽", "润泽", "嘉禾", "金穗", "福瑞", "宏远", "鸿运", "东升",
    ];

    public static readonly string[] EnterpriseTrades =
    [
        "农业开发", "食品", "服装", "电子商务", "竹编工艺", "茶业", "生态农业", "建材", "物流", "餐饮管理", "家政服务", "养殖",
        "旅游开发", "商贸", "油橄榄开发", "粮油",
    ];

    /// <summary>Short classic precepts; a motto joins two of them.</summary>
    public static readonly string[] Precepts =
    [
        "孝敬父母，尊老爱幼", "勤俭持家，量入为出", "诚实守信，言行一致", "邻里和睦，守望相助", "耕读传家，诗书继世",
        "知书达理，明礼诚信", "夫妻和顺，家和业兴", "严以律己，宽以待人", "勤劳致富，自强不息", "清白做人，干净做事",
        "读书明理，修身齐家", "尊师重教，崇德向善", "艰苦朴素，不忘本分", "与人为善，助人为乐", "遵纪守法，廉洁自律",
        "知足常乐，吃亏是福", "一粥一饭，当思来之不易", "半丝半缕，恒念物力维艰", "积善之家，必有余庆", "己所不欲，勿施于人",
        "静以修身，俭以养德", "德不孤，必有邻", "言必信，行必果", "敬老爱幼，传承美德", "睦邻友善，互帮互助",
        "爱国守法，奉献社会", "节约粮食，爱惜物力", "有错就改，知耻后勇", "家事共商，家务共担", "男女平等，夫妻互敬",
        "教子有方，言传身教", "绿色生活，美化庭院", "热心公益，回报乡梓", "自立自强，不等不靠", "坦荡做人，踏实做事",
    ];

    public static readonly string[] AwardCitations =
    [
        "{0}孝老爱亲、夫妻和睦，多年如一日照料患病老人，邻里称道。",
        "{0}勤劳致富后不忘乡亲，带动周边妇女发展种养殖业。",
        "{0}重视家庭教育，子女勤奋好学、品学兼优。",
        "{0}热心公益，积极参与村（社区）志愿服务和环境整治。",
        "{0}家风淳朴、勤俭持家，是远近闻名的和睦之家。",
        "{0}尊老爱幼、邻里互助，在矛盾调解中发挥表率作用。",
    ];

    public static readonly string[] CourtyardCitations =
    [
        "{0}房前屋后干净整洁，庭院绿化美化、错落有致。",
        "{0}坚持垃圾分类，院落整洁、花木葱茏。",
        "{0}阳台花草四季常绿，美化家居带动邻里。",
    ];

    // Pinyin initials of every character used in the demo organisations' names. Polyphonic characters carry the
    // reading they have in those names (长岭 cháng, 银行 háng).
    private static readonly (char Initial, string Characters)[] InitialTable =
    [
        ('a', "安"),
        ('b', "八拔坝柏白宝北保堡博编滨"),
        ('c', "长场茶城川春槽材村察出餐"),
        ('d', "大东达电督动店"),
        ('e', "儿"),
        ('f', "福凤丰发富服峰复法分放妇"),
        ('g', "甘广桂高光沟公国管工供馆橄"),
        ('h', "回黄红花和河合鹤华宏恒禾鸿化晖行"),
        ('j', "讲靖家金九井建解街嘉局监检江锦佳健"),
        ('k', "开口坎"),
        ('l', "龙岭灵柳梨林联利鹿梁隆绿流路粮榄来理旅"),
        ('m', "庙妙梅马明民门贸美"),
        ('n', "宁南农"),
        ('p', "普平坪坡派品"),
        ('q', "骑青七清泉桥区"),
        ('r', "任人瑞润"),
        ('s', "省沙石市师松双三上水山寺胜顺设社书盛世食生实商税升所司穗"),
        ('t', "棠田天太桃铁团塘台滩塔通态图"),
        ('w', "五万湾文务物网"),
        ('x', "新兴西下小溪乡县祥鑫学绣心信限幸"),
        ('y', "永岩杨玉银燕垭园院宇远源运医油邮移养业艺饮阳月幼有验游"),
        ('z', "镇治竹中嘴寨珠泽子政装自支主殖"),
    ];

    private static readonly Dictionary<char, char> Initials = BuildInitials();

    /// <summary>Pinyin initials of a name (新宁镇 → xnz); throws for a character missing from the table.</summary>
    public static string PinyinInitials(string name)
    {
        var initials = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (!Initials.TryGetValue(c, out var initial))
            {
                throw new InvalidOperationException($"No pinyin initial for '{c}' in '{name}'; add it to the table.");
            }

            initials.Append(initial);
        }

        return initials.ToString();
    }

    private static Dictionary<char, char> BuildInitials()
    {
        var initials = new Dictionary<char, char>();
        foreach (var (initial, characters) in InitialTable)
        {
            foreach (var c in characters)
            {
                if (!initials.TryAdd(c, initial))
                {
                    throw new InvalidOperationException($"'{c}' is listed under two initials.");
                }
            }
        }

        return initials;
    }
}
