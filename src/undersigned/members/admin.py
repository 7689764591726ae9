from django.contrib import admin

from undersigned.members.models import Branch, Organisation, Region


class RegionInline(admin.TabularInline[Region, Organisation]):
    model = Region
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RegionInline]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin[Region]):
    list_display = ["name", "code", "organisation"]
    list_filter = ["organisation"]


@admin.register(Branch)
class BranchAdmin(admin.ModelAdmin[Branch]):
    list_display = ["name", "code", "region", "organisation"]
    list_filter = ["organisation", "region"]
